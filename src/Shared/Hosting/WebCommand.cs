using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using HerokuAnalyzers.Shell;

namespace HerokuAnalyzers.Hosting
{
    /// <summary>
    /// What a web process command (a Procfile line, heroku.yml run.web, a Dockerfile CMD) says about
    /// binding: which programs it starts and whether it hands $PORT to Kestrel through <c>--urls</c>,
    /// <c>ASPNETCORE_URLS</c> / <c>DOTNET_URLS</c> or <c>ASPNETCORE_HTTP_PORTS</c> (docs/heroku-facts.md#buildpack-web-process, #kestrel-binding),
    /// or a fixed port to another server (<c>--port 5000</c>, <c>runserver 0.0.0.0:5000</c>). Read
    /// with the one shell reader, <see cref="ShellCommand"/>, that the Procfile checks use too.
    /// </summary>
    internal sealed class WebCommand
    {
        private static readonly Regex PortReference = new Regex(@"\$\{?PORT\b", RegexOptions.CultureInvariant);

        private readonly HashSet<string> _programs;

        private WebCommand(HashSet<string> programs)
        {
            _programs = programs;
        }

        /// <summary>
        /// The command passes <c>--urls</c> on the command line, the one urls source added after appsettings, so the
        /// only one that beats a urls key there; ASPNETCORE_URLS / DOTNET_URLS load before it (docs/heroku-facts.md#kestrel-binding).
        /// </summary>
        public bool PassesUrlsArgument { get; private set; }

        /// <summary>The command passes $PORT to Kestrel in one of the forms it reads.</summary>
        public bool BindsPort { get; private set; }

        /// <summary>The URL that carries $PORT, when it is given as a URL (its host decides reachability).</summary>
        public ServerUrl? PortUrl { get; private set; }

        /// <summary>A urls value of the command that yields no $PORT URL, e.g. "http://*:8080" or "$PORT"; null when none.</summary>
        public string? OtherUrls { get; private set; }

        /// <summary>A port option of a server that is not Kestrel, with a fixed number: "--port 5000", "runserver 0.0.0.0:5000".</summary>
        public string? FixedPortOption { get; private set; }

        /// <summary>The program given <see cref="FixedPortOption"/> ("python", "rails"), or "the web command" for a PORT=5000 assignment.</summary>
        public string? FixedPortProgram { get; private set; }

        /// <summary>An option written with a look-alike dash ("–urls", "—port"), which no program reads as an option.</summary>
        public string? LookAlikeOption { get; private set; }

        /// <summary>The command sources a script (<c>source env.sh</c>, <c>. env.sh</c>) that may set the binding.</summary>
        public bool SourcesScript { get; private set; }

        /// <summary>The command mentions $PORT somewhere (bound or not).</summary>
        public bool MentionsPort { get; private set; }

        /// <summary>
        /// The command starts the app built as <paramref name="assemblyName"/>: it names its apphost
        /// (<c>./App</c>, <c>Frontend/bin/publish/App</c>) or its dll (<c>dotnet App.dll</c>). Linux
        /// file names are case-sensitive, so is the comparison.
        /// </summary>
        public bool Runs(string assemblyName) => _programs.Contains(assemblyName);

        /// <summary>The command starts a .NET app: a dll through dotnet, or an apphost where the buildpack publishes one.</summary>
        public bool RunsDotnetApp { get; private set; }

        /// <summary>A command the shell runs: $PORT and ${PORT} are expanded.</summary>
        public static WebCommand Read(string command) => Read(ShellCommand.Read(command), expandsVariables: true);

        /// <summary>
        /// Exec-form arguments (a Dockerfile <c>CMD ["dotnet", "App.dll"]</c>): no shell runs, so $PORT
        /// reaches the program as text — unless the program is itself <c>sh -c</c> / <c>bash -c</c>.
        /// </summary>
        public static WebCommand ReadArguments(IReadOnlyList<string> arguments)
        {
            var words = new List<ShellWord>();
            foreach (var argument in arguments)
            {
                words.Add(new ShellWord(argument, 0, hasUnquotedBackslash: false, quoted: true));
            }

            if (words.Count >= 3 && (ShellCommand.ProgramName(words[0].Text) == "sh" || ShellCommand.ProgramName(words[0].Text) == "bash") && words[1].Text == "-c")
            {
                return Read(words[2].Text);
            }

            var commands = new List<SimpleCommand>();
            if (words.Count > 0)
            {
                commands.Add(new SimpleCommand(new List<ShellWord>(), words));
            }

            return Read(commands, expandsVariables: false);
        }

        private static WebCommand Read(List<SimpleCommand> commands, bool expandsVariables)
        {
            var programs = new HashSet<string>(StringComparer.Ordinal);
            var result = new WebCommand(programs);
            var urls = new List<string>();
            var httpPorts = new List<string>();
            foreach (var simple in commands)
            {
                foreach (var assignment in simple.Assignments)
                {
                    result.ReadAssignment(assignment.Text, urls, httpPorts);
                }

                var words = simple.Words;
                if (words.Count == 0)
                {
                    continue;
                }

                if (words[0].Text == "export")
                {
                    for (var i = 1; i < words.Count; i++)
                    {
                        result.ReadAssignment(words[i].Text, urls, httpPorts);
                    }

                    continue;
                }

                if (words[0].Text == "source" || words[0].Text == ".")
                {
                    // A sourced script may set ASPNETCORE_URLS from $PORT: what it binds cannot be seen.
                    result.SourcesScript = true;
                    continue;
                }

                if (words[0].Text == "cd")
                {
                    // The directory a command changes into is not a program, even when named like one.
                    continue;
                }

                result.ReadPrograms(words, programs);
                result.ReadOptions(words, urls);
            }

            foreach (var value in urls)
            {
                result.MentionsPort |= PortReference.IsMatch(value);
                var found = false;
                foreach (var part in value.Split(';'))
                {
                    if (expandsVariables && PortReference.IsMatch(part) && ServerUrl.Parse(part.Trim()) is ServerUrl url)
                    {
                        result.PortUrl ??= url;
                        found = true;
                    }
                }

                result.OtherUrls ??= found ? null : value;
            }

            foreach (var value in httpPorts)
            {
                result.MentionsPort |= PortReference.IsMatch(value);
            }

            // Kestrel ignores the HTTP ports when any urls setting is given (docs/heroku-facts.md#kestrel-binding).
            result.BindsPort = result.PortUrl != null
                || (urls.Count == 0 && expandsVariables && httpPorts.Exists(p => PortReference.IsMatch(p) && p.TrimStart('"', '\'').StartsWith("$", StringComparison.Ordinal)));
            return result;
        }

        private void ReadAssignment(string word, List<string> urls, List<string> httpPorts)
        {
            var equals = word.IndexOf('=');
            if (equals <= 0)
            {
                return;
            }

            var name = word.Substring(0, equals);
            var value = word.Substring(equals + 1);
            if (name == "ASPNETCORE_URLS" || name == "DOTNET_URLS")
            {
                urls.Add(value);
            }
            else if (name == "ASPNETCORE_HTTP_PORTS" || name == "DOTNET_HTTP_PORTS")
            {
                httpPorts.Add(value);
            }
            else if (name == Heroku.HerokuFacts.PortVariable && IsPortNumber(value) && FixedPortOption == null)
            {
                FixedPortOption = word;
                FixedPortProgram = "the web command";
            }
        }

        private void ReadPrograms(List<ShellWord> words, HashSet<string> programs)
        {
            var first = words[0].Text;
            var program = ShellCommand.ProgramName(first);
            if (program == "dotnet")
            {
                for (var i = 1; i < words.Count; i++)
                {
                    var name = ShellCommand.ProgramName(words[i].Text);
                    if (name.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                    {
                        programs.Add(name.Substring(0, name.Length - ".dll".Length));
                        RunsDotnetApp = true;
                        break;
                    }
                }

                return;
            }

            if (first.IndexOf('/') >= 0 && program.Length > 0)
            {
                programs.Add(program);
                RunsDotnetApp |= first.IndexOf("/" + Heroku.HerokuFacts.BuildpackPublishDirectory + "/", StringComparison.Ordinal) >= 0
                    || first.StartsWith(Heroku.HerokuFacts.BuildpackPublishDirectory + "/", StringComparison.Ordinal);
            }
        }

        private void ReadOptions(List<ShellWord> words, List<string> urls)
        {
            for (var i = 1; i < words.Count; i++)
            {
                var text = words[i].Text;
                var option = ShellCommand.WithAsciiDashes(text);
                var equals = option.IndexOf('=');
                var name = equals > 0 ? option.Substring(0, equals) : option;
                var inline = equals > 0 ? option.Substring(equals + 1) : null;
                var next = i + 1 < words.Count ? words[i + 1].Text : null;
                var value = inline ?? next;
                var isUrls = string.Equals(name, "--urls", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "/urls", StringComparison.OrdinalIgnoreCase);
                var isPort = name == "--port" || name == "-p" || name == "--bind" || name == "-b" || name == "--listen";
                if ((isUrls || isPort) && ShellCommand.LookAlikeDash(text) != null)
                {
                    // Programs read "–urls" as a plain argument: the binding it was meant to give never happens.
                    LookAlikeOption ??= text;
                    continue;
                }

                if (isUrls)
                {
                    if (!string.IsNullOrEmpty(value))
                    {
                        urls.Add(value!);
                        PassesUrlsArgument = true;
                    }

                    continue;
                }

                string? fixedOption = null;
                if (isPort && value != null && FixedPort(value) != null)
                {
                    fixedOption = inline != null ? text : text + " " + value;
                }
                else if (text == "runserver" && next != null && FixedPort(next) != null)
                {
                    fixedOption = text + " " + next;
                }

                if (fixedOption != null && FixedPortOption == null)
                {
                    FixedPortOption = fixedOption;
                    FixedPortProgram = ShellCommand.ProgramName(words[0].Text);
                }
            }
        }

        /// <summary>The port of "5000", "0.0.0.0:5000" or "[::]:5000"; null when it is not a fixed number.</summary>
        private static string? FixedPort(string value)
        {
            var colon = value.LastIndexOf(':');
            var port = colon >= 0 ? value.Substring(colon + 1) : value;
            return IsPortNumber(port) ? port : null;
        }

        private static bool IsPortNumber(string text)
            => text.Length > 0 && text.Length <= 5
               && int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port)
               && port > 0 && port <= 65535;
    }
}
