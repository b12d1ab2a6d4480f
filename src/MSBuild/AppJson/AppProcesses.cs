using System;
using System.Collections.Generic;
using HerokuAnalyzers.Heroku;
using HerokuAnalyzers.Procfile;
using HerokuAnalyzers.Tasks.Procfile;

namespace HerokuAnalyzers.Tasks.AppJson
{
    /// <summary>The process types the app will have, as app.json's formation must name them.</summary>
    internal sealed class AppProcesses
    {
        public AppProcesses(ISet<string>? types, string source, bool dotnetIsWeb)
        {
            Types = types;
            Source = source;
            DotnetIsWeb = dotnetIsWeb;
        }

        /// <summary>
        /// The Procfile decides when there is one (the .NET buildpack then registers nothing,
        /// docs/heroku-facts.md#buildpack-web-process); else heroku.yml's process images on the container stack; else the buildpack.
        /// </summary>
        public static AppProcesses From(ProcfileModel? procfile, ISet<string>? containerTypes, ProjectFacts project)
        {
            if (procfile?.Document != null)
            {
                var web = ProcfileDocument.Find(procfile.Document.CnbEntries, HerokuFacts.WebProcessType)
                    ?? ProcfileDocument.Find(procfile.Document.CedarEntries, HerokuFacts.WebProcessType);
                return new AppProcesses(procfile.ProcessTypes, "the Procfile", web != null && RunsDotnet(web.Command));
            }

            if (containerTypes != null && containerTypes.Count > 0)
            {
                return new AppProcesses(containerTypes, "heroku.yml", dotnetIsWeb: false);
            }

            return new AppProcesses(null, "the .NET buildpack", project.IsWebProject);
        }

        private static bool RunsDotnet(string command)
            => command.IndexOf(HerokuFacts.BuildpackPublishDirectory, StringComparison.Ordinal) >= 0
                || (command.IndexOf("dotnet ", StringComparison.Ordinal) >= 0 && command.IndexOf(".dll", StringComparison.OrdinalIgnoreCase) >= 0);

        /// <summary>
        /// The exact types, or null when only the buildpack decides them (no Procfile): the .NET buildpack
        /// names processes <c>web</c> or after AssemblyName as an RFC 1123 label (docs/heroku-facts.md#buildpack-web-process), so then
        /// only names that can never match are reported.
        /// </summary>
        public ISet<string>? Types { get; }

        /// <summary>Where the types come from, for messages: "the Procfile", "heroku.yml".</summary>
        public string Source { get; }

        /// <summary>Whether the web process is the .NET app, so heroku/dotnet must be the last buildpack.</summary>
        public bool DotnetIsWeb { get; }
    }
}
