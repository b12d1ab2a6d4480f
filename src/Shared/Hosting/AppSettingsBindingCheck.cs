using System;
using System.Collections.Generic;
using System.Globalization;
using HerokuAnalyzers.Docker;
using HerokuAnalyzers.Heroku;
using HerokuAnalyzers.Json;
using HerokuAnalyzers.Procfile;

namespace HerokuAnalyzers.Hosting
{
    /// <summary>One HK3003 finding: an address in an appsettings file, at the value's 1-based line and column.</summary>
    internal sealed class AppSettingsFinding
    {
        public AppSettingsFinding(string path, int line, int column, int length, string key, string fileName, string value, string reason)
        {
            Path = path;
            Line = line;
            Column = column;
            Length = length;
            Arguments = new object[] { "'" + key + "'", fileName, value, reason };
        }

        public string Path { get; }

        public int Line { get; }

        public int Column { get; }

        public int Length { get; }

        /// <summary>The message arguments: key, file name, address, why it binds.</summary>
        public object[] Arguments { get; }

        public string Message => string.Format(CultureInfo.InvariantCulture, AppSettingsBindingCheck.Message, Arguments);
    }

    /// <summary>
    /// HK3003, written once for the analyzer (build and editor) and the HerokuCheck gate: addresses in the
    /// appsettings files a dyno reads (Heroku runs the app as Production, docs/heroku-facts.md#buildpack-env).
    /// Kestrel:Endpoints override every urls source including the buildpack's --urls, so they are always
    /// reported; a urls key loses only to a --urls argument of the web command — ASPNETCORE_URLS and
    /// DOTNET_URLS are loaded before appsettings and lose to it (docs/heroku-facts.md#kestrel-binding) — so it is
    /// reported when the web command passes no --urls. JSON cannot read $PORT.
    /// </summary>
    internal static class AppSettingsBindingCheck
    {
        public const string Message = "{0} in {1} binds the fixed address '{2}': {3}; JSON cannot read $PORT, so the web dyno never listens on the port Heroku gives and is killed at the boot timeout (R10). Remove it from {1} (keep it in appsettings.Development.json) and bind http://*:$PORT on the command line or in code.";

        private const string EndpointsReason = "Kestrel endpoints override every urls setting, including the --urls http://*:$PORT of the buildpack or the Procfile";
        private const string UrlsReason = "the web command passes no --urls, the only setting that overrides it (ASPNETCORE_URLS and DOTNET_URLS load before appsettings and lose to it)";

        /// <summary>
        /// Whether a urls key applies, from what Heroku runs as the web process (docs/heroku-facts.md#buildpack-web-process,
        /// #herokuyml): on a buildpack deploy without a Procfile the buildpack passes --urls http://*:$PORT; with
        /// one, its web line decides. On a container deploy heroku.yml's run.web, else the image's
        /// CMD/ENTRYPOINT (the Procfile is not used); when neither can be read the key is left alone. A command
        /// that cannot be read counts as setting none.
        /// </summary>
        public static bool UrlsKeyApplies(bool isContainer, ProcfileDocument? procfile, string? herokuYml, string? dockerfile, string? dockerTarget)
        {
            var ymlWeb = herokuYml != null ? HerokuYmlRun.FindWeb(herokuYml) : null;
            if (isContainer)
            {
                if (ymlWeb is (string runWeb, _))
                {
                    return !WebCommand.Read(runWeb).PassesUrlsArgument;
                }

                var image = dockerfile != null ? ImageConfig.Read(Dockerfile.Parse(dockerfile), dockerTarget) : null;
                return image?.StartInstruction != null && !image.Command().Command.PassesUrlsArgument;
            }

            if (procfile == null && herokuYml == null)
            {
                return false;
            }

            if (procfile != null
                && ProcfileDocument.Find(procfile.CnbEntries, HerokuFacts.WebProcessType) is ProcfileEntry web
                && WebCommand.Read(web.Command).PassesUrlsArgument)
            {
                return false;
            }

            return !(ymlWeb is (string command, _) && WebCommand.Read(command).PassesUrlsArgument);
        }

        /// <summary>The findings of one appsettings file, parsed (relaxed JSON); nothing when it is not a JSON object.</summary>
        public static List<AppSettingsFinding> Run(string path, JsonNode? root, bool urlsKeyApplies)
        {
            var findings = new List<AppSettingsFinding>();
            if (root != null)
            {
                Walk(path, System.IO.Path.GetFileName(path), root, "", 0, urlsKeyApplies, findings);
            }

            return findings;
        }

        /// <summary>Configuration keys are case-insensitive and ':' in a name nests like an object does.</summary>
        private static void Walk(string path, string fileName, JsonNode node, string prefix, int depth, bool urlsKeyApplies, List<AppSettingsFinding> findings)
        {
            if (node.Kind != JsonKind.Object || depth > JsonParser.MaxDepth)
            {
                return;
            }

            foreach (var member in node.Members)
            {
                var key = prefix.Length == 0 ? member.Name : prefix + ":" + member.Name;
                if (member.Value.Kind == JsonKind.Object)
                {
                    Walk(path, fileName, member.Value, key, depth + 1, urlsKeyApplies, findings);
                    continue;
                }

                if (member.Value.Kind != JsonKind.String || string.IsNullOrWhiteSpace(member.Value.Text))
                {
                    continue;
                }

                var reason = IsEndpointUrl(key) ? EndpointsReason : urlsKeyApplies && IsUrls(key) ? UrlsReason : null;
                if (reason != null)
                {
                    var value = member.Value;
                    findings.Add(new AppSettingsFinding(path, value.Position.Line, value.Position.Column, value.Text!.Length + 2, key, fileName, value.Text, reason));
                }
            }
        }

        private static bool IsUrls(string key) => string.Equals(key, "urls", StringComparison.OrdinalIgnoreCase);

        /// <summary>Kestrel:Endpoints:&lt;name&gt;:Url.</summary>
        private static bool IsEndpointUrl(string key)
        {
            var parts = key.Split(':');
            return parts.Length == 4
                   && string.Equals(parts[0], "Kestrel", StringComparison.OrdinalIgnoreCase)
                   && string.Equals(parts[1], "Endpoints", StringComparison.OrdinalIgnoreCase)
                   && string.Equals(parts[3], "Url", StringComparison.OrdinalIgnoreCase);
        }
    }
}
