using System;
using System.Collections.Generic;
using System.Globalization;
using HerokuAnalyzers.Heroku;
using HerokuAnalyzers.Hosting;

namespace HerokuAnalyzers.Docker
{
    /// <summary>
    /// What a container built from a Dockerfile starts with: the CMD / ENTRYPOINT and environment of its
    /// final (or target) stage, following <c>FROM earlier-stage</c> to the stages it extends and, at the
    /// bottom, what the official .NET base images set (docs/heroku-facts.md#herokuyml, #kestrel-binding). ENV values are substituted
    /// as Docker does when the image is built — so <c>$PORT</c> in an ENV line is empty in the image.
    /// </summary>
    internal sealed class ImageConfig
    {
        private const int MaxStageChain = 64;

        private readonly Dictionary<string, EnvEntry> _environment = new Dictionary<string, EnvEntry>(StringComparer.Ordinal);
        private readonly List<DockerInstruction> _expose = new List<DockerInstruction>();
        private DockerInstruction? _cmd;
        private DockerInstruction? _entrypoint;

        private ImageConfig(string? stageName)
        {
            StageName = stageName;
        }

        public string? StageName { get; }

        /// <summary>The instruction that starts the web process: the ENTRYPOINT or CMD naming the program.</summary>
        public DockerInstruction? StartInstruction
        {
            get
            {
                if (_entrypoint == null)
                {
                    return _cmd;
                }

                if (_cmd == null || !_entrypoint.IsExecForm || !_cmd.IsExecForm)
                {
                    return _entrypoint;
                }

                return _entrypoint.ExecArguments!.Count > 1 ? _entrypoint : _cmd;
            }
        }

        public bool HasExecEntrypoint => _entrypoint?.IsExecForm == true;

        public static ImageConfig? Read(Dockerfile dockerfile, string? target)
        {
            var stage = dockerfile.FinalStage(target);
            if (stage == null)
            {
                return null;
            }

            var chain = new List<DockerStage>();
            for (var s = stage; s != null && chain.Count < MaxStageChain; s = dockerfile.EarlierStage(s, s.BaseImage))
            {
                chain.Insert(0, s);
            }

            var config = new ImageConfig(stage.Name);
            config.AddBaseImageDefaults(chain[0].BaseImage);
            foreach (var s in chain)
            {
                config.Apply(dockerfile, s);
            }

            return config;
        }

        /// <summary>The command the container runs, and whether it is exec form (no shell expands $PORT).</summary>
        public (WebCommand Command, bool ExecForm) Command()
        {
            if (_entrypoint != null && !_entrypoint.IsExecForm)
            {
                // A shell-form ENTRYPOINT ignores CMD.
                return (WebCommand.Read(_entrypoint.Arguments), false);
            }

            var arguments = new List<string>();
            if (_entrypoint != null)
            {
                arguments.AddRange(_entrypoint.ExecArguments!);
            }

            if (_cmd != null && _cmd.IsExecForm)
            {
                arguments.AddRange(_cmd.ExecArguments!);
            }
            else if (_cmd != null && _entrypoint == null)
            {
                return (WebCommand.Read(_cmd.Arguments), false);
            }

            var viaShell = arguments.Count >= 2 && (ShellProgram(arguments[0]) && arguments[1] == "-c");
            return (WebCommand.ReadArguments(arguments), !viaShell);
        }

        /// <summary>Why the image's environment does not bind $PORT, naming the line or base image; null when it sets no address.</summary>
        public string? EnvironmentReason(string dockerfilePath)
        {
            var file = System.IO.Path.GetFileName(dockerfilePath);
            foreach (var name in new[] { "ASPNETCORE_URLS", "DOTNET_URLS", "ASPNETCORE_HTTP_PORTS", "DOTNET_HTTP_PORTS" })
            {
                if (!_environment.TryGetValue(name, out var entry))
                {
                    continue;
                }

                if (entry.Instruction == null)
                {
                    return "its base image " + entry.BaseImage + " sets " + name + "=" + entry.Value + ", so Kestrel listens there and not on $PORT";
                }

                var line = file + " line " + entry.Instruction.Position.Line.ToString(CultureInfo.InvariantCulture);
                return entry.ReferencesPort
                    ? "ENV " + name + " (" + line + ") is expanded when the image is built, where PORT is not set, so Kestrel gets '" + entry.Value + "'"
                    : "ENV " + name + "=" + entry.Value + " (" + line + ") is a fixed address, not $PORT";
            }

            return null;
        }

        /// <summary>EXPOSE does not change where the app listens; said when the Dockerfile has one.</summary>
        public string? ExposeNote()
        {
            if (_expose.Count == 0)
            {
                return null;
            }

            return "EXPOSE (line " + _expose[_expose.Count - 1].Position.Line.ToString(CultureInfo.InvariantCulture) + ") does not help: Heroku ignores EXPOSE and routes to $PORT";
        }

        private static bool ShellProgram(string word)
        {
            var name = Shell.ShellCommand.ProgramName(word);
            return name == "sh" || name == "bash";
        }

        private void AddBaseImageDefaults(string image)
        {
            var at = image.IndexOf('@');
            var reference = at >= 0 ? image.Substring(0, at) : image;
            var colon = reference.LastIndexOf(':');
            var repository = colon > reference.LastIndexOf('/') ? reference.Substring(0, colon) : reference;
            var tag = colon > reference.LastIndexOf('/') ? reference.Substring(colon + 1) : "latest";
            if (Array.IndexOf(HerokuFacts.DotnetImageRepositories, repository.ToLowerInvariant()) < 0)
            {
                return;
            }

            var digits = 0;
            while (digits < tag.Length && char.IsDigit(tag[digits]))
            {
                digits++;
            }

            var major = digits > 0 && int.TryParse(tag.Substring(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : int.MaxValue;
            if (major >= HerokuFacts.DotnetImageHttpPortsFromMajor)
            {
                _environment["ASPNETCORE_HTTP_PORTS"] = new EnvEntry(HerokuFacts.DotnetImageHttpPort, null, false, image);
            }
            else
            {
                _environment["ASPNETCORE_URLS"] = new EnvEntry(HerokuFacts.DotnetImageLegacyUrls, null, false, image);
            }
        }

        private void Apply(Dockerfile dockerfile, DockerStage stage)
        {
            var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
            var cmdFromThisStage = false;
            foreach (var instruction in stage.Instructions)
            {
                switch (instruction.Keyword)
                {
                    case "ARG":
                        var (name, value) = Dockerfile.ReadArg(instruction.Arguments);
                        if (name.Length > 0)
                        {
                            arguments[name] = value ?? (dockerfile.GlobalArguments.TryGetValue(name, out var global) ? global : "");
                        }

                        break;
                    case "ENV":
                        foreach (var pair in Dockerfile.EnvPairs(instruction.Arguments))
                        {
                            var referenced = new List<string>();
                            var substituted = Dockerfile.Substitute(pair.Value, n => _environment.TryGetValue(n, out var e) ? e.Value : arguments.TryGetValue(n, out var a) ? a : null, referenced);
                            _environment[pair.Key] = new EnvEntry(substituted, instruction, referenced.Contains(HerokuFacts.PortVariable), null);
                        }

                        break;
                    case "CMD":
                        _cmd = instruction;
                        cmdFromThisStage = true;
                        break;
                    case "ENTRYPOINT":
                        // Docker: setting ENTRYPOINT resets a CMD inherited from the stage or image below.
                        _entrypoint = instruction;
                        if (!cmdFromThisStage)
                        {
                            _cmd = null;
                        }

                        break;
                    case "EXPOSE":
                        _expose.Add(instruction);
                        break;
                }
            }
        }

        private sealed class EnvEntry
        {
            public EnvEntry(string value, DockerInstruction? instruction, bool referencesPort, string? baseImage)
            {
                Value = value;
                Instruction = instruction;
                ReferencesPort = referencesPort;
                BaseImage = baseImage;
            }

            public string Value { get; }

            /// <summary>The ENV line that set it; null when the base image did.</summary>
            public DockerInstruction? Instruction { get; }

            public bool ReferencesPort { get; }

            public string? BaseImage { get; }
        }
    }
}
