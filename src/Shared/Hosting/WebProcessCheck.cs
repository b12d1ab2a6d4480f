using System;
using System.Collections.Generic;
using System.Globalization;
using HerokuAnalyzers.Docker;
using HerokuAnalyzers.Heroku;
using HerokuAnalyzers.Procfile;
using HerokuAnalyzers.Text;

namespace HerokuAnalyzers.Hosting
{
    internal enum WebProcessProblem
    {
        /// <summary>HK3004: the web process never binds $PORT.</summary>
        PortNotBound,

        /// <summary>HK3004: the Procfile has no web process.</summary>
        NoWebProcess,

        /// <summary>HK3005: the web process binds $PORT on IPv4 only.</summary>
        IPv4Only,
    }

    /// <summary>The messages of HK3004 and HK3005 in the files, shared by the analyzer's descriptors and the HerokuCheck task.</summary>
    internal static class WebProcessMessages
    {
        public const string PortNotBound = "{0} runs '{1}' but never binds $PORT: {2}, so Heroku kills the web dyno at the boot timeout (R10). Fix: {3}.";

        public const string NoWebProcess = "The Procfile defines no 'web' process but '{0}' is a web app: Heroku starts no web dyno and its router answers every request with H14 (no web dynos running). Add a web line, e.g. 'web: cd {1}; ./{0} --urls http://*:$PORT'.";

        public const string IPv4Only = "{0} binds '{1}', IPv4 only: Heroku's Fir generation requires the web process to listen on IPv6 [::]:$PORT, so there the router cannot reach it (R10). Bind http://*:$PORT, which Kestrel binds dual-stack on Cedar and Fir.";

        public static string Format(WebProcessFinding finding)
        {
            var format = finding.Problem == WebProcessProblem.PortNotBound ? PortNotBound : finding.Problem == WebProcessProblem.NoWebProcess ? NoWebProcess : IPv4Only;
            return string.Format(CultureInfo.InvariantCulture, format, finding.Arguments);
        }
    }

    /// <summary>One HK3004/HK3005 finding in a Heroku file, at a 1-based line and column.</summary>
    internal sealed class WebProcessFinding
    {
        public WebProcessFinding(WebProcessProblem problem, string path, int line, int column, int length, params object[] arguments)
        {
            Problem = problem;
            Path = path;
            Line = line;
            Column = column;
            Length = length;
            Arguments = arguments;
        }

        public WebProcessProblem Problem { get; }

        public string Path { get; }

        public int Line { get; }

        public int Column { get; }

        /// <summary>Characters to underline from the column; clamped to the line by whoever reports it.</summary>
        public int Length { get; }

        public object[] Arguments { get; }
    }

    /// <summary>A Heroku file's path and text, as the build hands it over.</summary>
    internal sealed class WebProcessFile
    {
        public WebProcessFile(string path, string text)
        {
            Path = path;
            Text = text.Length > 0 && text[0] == '\uFEFF' ? text.Substring(1) : text;
        }

        public string Path { get; }

        public string Text { get; }
    }

    /// <summary>What the check needs to know of the project and the repository.</summary>
    internal sealed class WebProcessInputs
    {
        public WebProcessInputs(string assemblyName, string? projectDirectory, bool isContainer, bool codeReadsPort)
        {
            AssemblyName = assemblyName;
            ProjectDirectory = projectDirectory;
            IsContainer = isContainer;
            CodeReadsPort = codeReadsPort;
        }

        public string AssemblyName { get; }

        public string? ProjectDirectory { get; }

        /// <summary>Heroku builds the app from a Dockerfile (heroku.yml, app.json stack, or HerokuDeploy=container).</summary>
        public bool IsContainer { get; }

        /// <summary>The project's code reads PORT, so it binds the port itself whatever the command says.</summary>
        public bool CodeReadsPort { get; }

        public WebProcessFile? Procfile { get; set; }

        public WebProcessFile? HerokuYml { get; set; }

        /// <summary>The Dockerfile the web image is built from.</summary>
        public WebProcessFile? Dockerfile { get; set; }

        /// <summary>heroku.yml's build.docker.web.target: the stage whose image runs.</summary>
        public string? DockerTarget { get; set; }
    }

    /// <summary>
    /// The file half of HK3004 and HK3005, written once for the analyzer (in the build and the editor)
    /// and the HerokuCheck gate (no compilation): does what Heroku runs as the web process bind $PORT?
    /// Buildpack apps run the Procfile's web line (docs/heroku-facts.md#buildpack-web-process); container apps run heroku.yml's
    /// run.web, else the CMD / ENTRYPOINT of the image's final (or target) stage (docs/heroku-facts.md#herokuyml), whose environment
    /// comes from its ENV lines and its base image (docs/heroku-facts.md#kestrel-binding). Whether the code reads PORT is an input: the
    /// analyzer knows it from the compilation, the gate from the source text.
    /// </summary>
    internal static class WebProcessCheck
    {
        private const string ProcfileReason = "with a Procfile the .NET buildpack passes no --urls and Kestrel falls back to " + HerokuFacts.KestrelDefaultAddress;
        private const string ProcfileFix = "append --urls http://*:$PORT to the web command, or read PORT in code";
        private const string HerokuYmlReason = "the container listens on its image's port (ASPNETCORE_HTTP_PORTS in the official .NET images), not on $PORT";
        private const string HerokuYmlFix = "start it with ASPNETCORE_URLS=http://*:$PORT or --urls http://*:$PORT in a shell-form command, or read PORT in code";

        public static List<WebProcessFinding> Run(WebProcessInputs inputs)
        {
            var findings = new List<WebProcessFinding>();
            if (inputs.IsContainer)
            {
                CheckContainer(inputs, findings);
            }
            else if (inputs.Procfile != null)
            {
                CheckProcfile(inputs, inputs.Procfile, findings);
            }

            return findings;
        }

        private static void CheckProcfile(WebProcessInputs inputs, WebProcessFile procfile, List<WebProcessFinding> findings)
        {
            var document = ProcfileParser.Parse(procfile.Text);
            var web = ProcfileDocument.Find(document.CnbEntries, HerokuFacts.WebProcessType);
            if (web != null)
            {
                var length = web.CommandPosition.Column - web.KeyPosition.Column + web.Command.Length;
                var site = new Site(procfile.Path, web.KeyPosition.Line, web.KeyPosition.Column, length, "The Procfile's web process", ProcfileFix);
                CheckCommand(inputs, WebCommand.Read(web.Command), site, ProcfileReason, null, findings);
            }
            else if (document.CnbAccepts)
            {
                var newline = procfile.Text.IndexOf('\n');
                var firstLine = (newline < 0 ? procfile.Text : procfile.Text.Substring(0, newline)).TrimEnd('\r');
                findings.Add(new WebProcessFinding(
                    WebProcessProblem.NoWebProcess,
                    procfile.Path,
                    1,
                    1,
                    firstLine.Length,
                    inputs.AssemblyName,
                    PublishDirectory(procfile.Path, inputs.ProjectDirectory)));
            }
        }

        private static void CheckContainer(WebProcessInputs inputs, List<WebProcessFinding> findings)
        {
            var image = inputs.Dockerfile != null ? ImageConfig.Read(Dockerfile.Parse(inputs.Dockerfile.Text), inputs.DockerTarget) : null;
            if (inputs.HerokuYml != null && HerokuYmlRun.FindWeb(inputs.HerokuYml.Text) is (string command, TextPosition position))
            {
                var site = new Site(inputs.HerokuYml.Path, position.Line, position.Column, int.MaxValue, "heroku.yml's run.web", HerokuYmlFix);
                CheckCommand(inputs, WebCommand.Read(command), site, image?.EnvironmentReason(inputs.Dockerfile!.Path) ?? HerokuYmlReason, image, findings);
                return;
            }

            if (image == null || inputs.Dockerfile == null)
            {
                return;
            }

            var start = image.StartInstruction;
            if (start == null)
            {
                return;
            }

            var where = image.StageName != null && !string.IsNullOrEmpty(inputs.DockerTarget) ? " of stage '" + image.StageName + "'" : "";
            var source = "The Dockerfile's " + start.Keyword + where;
            var (webCommand, execForm) = image.Command();
            var fix = ContainerFix(inputs.AssemblyName, webCommand, image);
            var containerSite = new Site(inputs.Dockerfile.Path, start.Position.Line, start.Position.Column, start.Length, source, fix);
            var reason = image.EnvironmentReason(inputs.Dockerfile.Path) ?? "nothing in the image binds it, so Kestrel listens on " + HerokuFacts.KestrelDefaultAddress;
            var execReason = execForm && webCommand.MentionsPort ? "the exec form (a JSON array) runs it without a shell, so '$PORT' reaches Kestrel as text" : null;
            CheckCommand(inputs, webCommand, containerSite, reason, image, findings, execReason);
        }

        private static string ContainerFix(string assemblyName, WebCommand command, ImageConfig image)
        {
            var program = command.Runs(assemblyName) ? "dotnet " + assemblyName + ".dll" : "<your server>";
            var fix = "use the shell form, which expands $PORT when the container starts: CMD " + program + " --urls http://*:$PORT";
            if (image.HasExecEntrypoint)
            {
                fix += ", and drop the exec-form ENTRYPOINT, which would receive that as arguments";
            }

            return fix + " (ENV cannot do it: it is expanded when the image is built), or read PORT in code";
        }

        private static void CheckCommand(WebProcessInputs inputs, WebCommand command, Site site, string defaultReason, ImageConfig? image, List<WebProcessFinding> findings, string? firstReason = null)
        {
            if (!command.Runs(inputs.AssemblyName))
            {
                // Another server (Django, Rails, Node …) in the same repository: only a fixed port is known to be wrong.
                if (command.FixedPortOption != null && !command.RunsDotnetApp)
                {
                    findings.Add(site.PortNotBound(
                        command.FixedPortProgram ?? "the web command",
                        "it binds the fixed port in '" + command.FixedPortOption + "' while Heroku assigns the port in $PORT",
                        "pass $PORT instead of the number, e.g. '" + WithPort(command.FixedPortOption) + "'"));
                }

                return;
            }

            if (command.PortUrl is ServerUrl url && url.HostKind == HostKind.AnyIPv4)
            {
                findings.Add(new WebProcessFinding(WebProcessProblem.IPv4Only, site.Path, site.Line, site.Column, site.Length, site.Source, url.Host));
                return;
            }

            string reason;
            if (command.PortUrl is ServerUrl loopback && loopback.HostKind == HostKind.Loopback && !inputs.CodeReadsPort)
            {
                reason = "it binds $PORT on the loopback address '" + loopback.Host + "' only, which the router cannot reach";
            }
            else if (command.BindsPort || inputs.CodeReadsPort || command.SourcesScript)
            {
                return;
            }
            else if (firstReason != null)
            {
                reason = firstReason;
            }
            else if (command.LookAlikeOption != null)
            {
                reason = "'" + command.LookAlikeOption + "' starts with '" + command.LookAlikeOption[0] + "' (U+" + ((int)command.LookAlikeOption[0]).ToString("X4", CultureInfo.InvariantCulture)
                    + "), not '--', so Kestrel does not read it as an option";
            }
            else if (command.OtherUrls != null)
            {
                reason = "its urls setting '" + command.OtherUrls + "' is not a URL with $PORT such as http://*:$PORT";
            }
            else
            {
                reason = defaultReason;
            }

            if (image?.ExposeNote() is string expose)
            {
                reason += "; " + expose;
            }

            findings.Add(site.PortNotBound(inputs.AssemblyName, reason, site.Fix));
        }

        private static string WithPort(string option)
        {
            var colon = option.LastIndexOf(':');
            var cut = colon >= 0 ? colon + 1 : Math.Max(option.LastIndexOf(' '), option.LastIndexOf('=')) + 1;
            return option.Substring(0, cut) + "$PORT";
        }

        /// <summary>Where the buildpack publishes the project, relative to the Procfile's directory (docs/heroku-facts.md#buildpack-publish).</summary>
        private static string PublishDirectory(string procfilePath, string? projectDirectory)
        {
            var procfileDirectory = Normalize(System.IO.Path.GetDirectoryName(procfilePath) ?? "");
            var project = Normalize(projectDirectory ?? "");
            if (project.Length > 0 && string.Equals(project, procfileDirectory, StringComparison.Ordinal))
            {
                return HerokuFacts.BuildpackPublishDirectory;
            }

            if (project.Length > 0 && project.StartsWith(procfileDirectory + "/", StringComparison.Ordinal))
            {
                return project.Substring(procfileDirectory.Length + 1) + "/" + HerokuFacts.BuildpackPublishDirectory;
            }

            return "<project dir>/" + HerokuFacts.BuildpackPublishDirectory;
        }

        private static string Normalize(string path) => path.Replace('\\', '/').TrimEnd('/');

        private sealed class Site
        {
            public Site(string path, int line, int column, int length, string source, string fix)
            {
                Path = path;
                Line = line;
                Column = column;
                Length = length;
                Source = source;
                Fix = fix;
            }

            public string Path { get; }

            public int Line { get; }

            public int Column { get; }

            public int Length { get; }

            public string Source { get; }

            public string Fix { get; }

            public WebProcessFinding PortNotBound(string program, string reason, string fix)
                => new WebProcessFinding(WebProcessProblem.PortNotBound, Path, Line, Column, Length, Source, program, reason, fix);
        }
    }
}
