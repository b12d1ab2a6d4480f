using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace HerokuAnalyzers.Hosting
{
    /// <summary>
    /// What a web process command (a Procfile line, heroku.yml run.web) says about binding: which
    /// programs it starts and whether it hands $PORT to Kestrel through <c>--urls</c>,
    /// <c>ASPNETCORE_URLS</c> / <c>DOTNET_URLS</c> or <c>ASPNETCORE_HTTP_PORTS</c> (docs/heroku-facts.md#buildpack-web-process, #kestrel-binding).
    /// </summary>
    internal sealed class WebCommand
    {
        private static readonly Regex UrlsBinding = new Regex(
            @"(?:--urls(?:=|\s+)|\b(?:ASPNETCORE|DOTNET)_URLS=)(?:""(?<value>[^""]*)""|'(?<value>[^']*)'|(?<value>[^\s;&|""']+))",
            RegexOptions.CultureInvariant);

        private static readonly Regex HttpPortsBinding = new Regex(
            @"\b(?:ASPNETCORE|DOTNET)_HTTP_PORTS=[""']?\$\{?PORT\b",
            RegexOptions.CultureInvariant);

        private static readonly Regex PortReference = new Regex(@"\$\{?PORT\b", RegexOptions.CultureInvariant);

        private static readonly char[] Separators = { ' ', '\t', ';', '&', '|', '(', ')', '<', '>', '"', '\'', '`' };

        private readonly HashSet<string> _programs;

        private WebCommand(HashSet<string> programs, bool setsUrls, bool bindsPort, ServerUrl? portUrl, string? otherUrls)
        {
            _programs = programs;
            SetsUrls = setsUrls;
            BindsPort = bindsPort;
            PortUrl = portUrl;
            OtherUrls = otherUrls;
        }

        /// <summary>The command gives Kestrel a urls setting, which beats a urls key in appsettings (docs/heroku-facts.md#kestrel-binding).</summary>
        public bool SetsUrls { get; }

        /// <summary>The command passes $PORT to Kestrel in one of the forms it reads.</summary>
        public bool BindsPort { get; }

        /// <summary>The URL that carries $PORT, when it is given as a URL (its host decides reachability).</summary>
        public ServerUrl? PortUrl { get; }

        /// <summary>A urls value of the command that yields no $PORT URL, e.g. "http://*:8080" or "$PORT"; null when none.</summary>
        public string? OtherUrls { get; }

        /// <summary>
        /// The command starts the app built as <paramref name="assemblyName"/>: it names its apphost
        /// (<c>./App</c>, <c>Frontend/bin/publish/App</c>) or its dll (<c>dotnet App.dll</c>). Linux
        /// file names are case-sensitive, so is the comparison.
        /// </summary>
        public bool Runs(string assemblyName) => _programs.Contains(assemblyName);

        public static WebCommand Read(string command)
        {
            ServerUrl? portUrl = null;
            string? otherUrls = null;
            var matches = UrlsBinding.Matches(command);
            foreach (Match match in matches)
            {
                var value = match.Groups["value"].Value;
                var found = false;
                foreach (var part in value.Split(';'))
                {
                    if (PortReference.IsMatch(part) && ServerUrl.Parse(part.Trim()) is ServerUrl url)
                    {
                        portUrl ??= url;
                        found = true;
                    }
                }

                otherUrls ??= found ? null : value;
            }

            // Kestrel ignores the HTTP ports when any urls setting is given (docs/heroku-facts.md#kestrel-binding).
            var bindsPort = portUrl != null || (matches.Count == 0 && HttpPortsBinding.IsMatch(command));
            return new WebCommand(Programs(command), matches.Count > 0, bindsPort, portUrl, otherUrls);
        }

        private static HashSet<string> Programs(string command)
        {
            var programs = new HashSet<string>(StringComparer.Ordinal);
            var tokens = command.Split(Separators, StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < tokens.Length; i++)
            {
                // The directory a command changes into is not a program, even when named like one.
                if (tokens[i] == "cd")
                {
                    i++;
                    continue;
                }

                var token = tokens[i];
                if (token.IndexOf('=') >= 0)
                {
                    continue;
                }

                var name = token.Substring(token.LastIndexOf('/') + 1);
                if (name.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                {
                    programs.Add(name.Substring(0, name.Length - ".dll".Length));
                }
                else if (token.IndexOf('/') >= 0 && name.Length > 0)
                {
                    programs.Add(name);
                }
            }

            return programs;
        }
    }
}
