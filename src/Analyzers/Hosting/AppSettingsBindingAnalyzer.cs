using System;
using System.Collections.Immutable;
using System.IO;
using HerokuAnalyzers.Docker;
using HerokuAnalyzers.Heroku;
using HerokuAnalyzers.Infrastructure;
using HerokuAnalyzers.Json;
using HerokuAnalyzers.Procfile;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace HerokuAnalyzers.Hosting
{
    /// <summary>
    /// HK3003: addresses in the appsettings files a dyno reads (Heroku runs the app as Production,
    /// docs/heroku-facts.md#buildpack-env). Kestrel:Endpoints override every urls source including the buildpack's
    /// --urls, so they are always reported; a urls key loses to a --urls or ASPNETCORE_URLS of the
    /// web command (docs/heroku-facts.md#kestrel-binding), so it is reported only when the web command sets none. JSON cannot read $PORT.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class AppSettingsBindingAnalyzer : DiagnosticAnalyzer
    {
        private const string EndpointsReason = "Kestrel endpoints override every urls setting, including the --urls http://*:$PORT of the buildpack or the Procfile";
        private const string UrlsReason = "the web command passes no --urls or ASPNETCORE_URLS that would override it";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.HK3003_AppSettingsBinding);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                if (BindingSymbols.TryCreate(start.Compilation) == null)
                {
                    return;
                }

                var urlsKeyApplies = UrlsKeyApplies(start.Options, start.CancellationToken);
                start.RegisterAdditionalFileAction(c => AnalyzeFile(c, urlsKeyApplies));
            });
        }

        /// <summary>
        /// What Heroku runs as the web process decides (docs/heroku-facts.md#buildpack-web-process, #herokuyml):
        /// on a buildpack deploy without a Procfile the buildpack passes --urls http://*:$PORT; with one, its web
        /// line. On a container deploy heroku.yml's run.web, else the image's CMD/ENTRYPOINT (the Procfile is
        /// not used); when neither can be read the key is left alone. A command that cannot be read counts as
        /// setting none.
        /// </summary>
        private static bool UrlsKeyApplies(AnalyzerOptions options, System.Threading.CancellationToken cancellationToken)
        {
            var herokuYml = HerokuFiles.Find(options, HerokuFiles.HerokuYml, cancellationToken);
            var ymlWeb = herokuYml is (AdditionalText _, SourceText ymlText) ? HerokuYmlRun.FindWeb(ymlText.ToString()) : null;
            if (HerokuFiles.IsContainerDeploy(options, cancellationToken))
            {
                if (ymlWeb is (string runWeb, _))
                {
                    return !WebCommand.Read(runWeb).SetsUrls;
                }

                if (!(HerokuFiles.Find(options, HerokuFiles.Dockerfile, cancellationToken) is (AdditionalText dockerfile, SourceText dockerText))
                    || !(ImageConfig.Read(Dockerfile.Parse(dockerText.ToString()), HerokuFiles.Metadata(options, dockerfile, "HerokuDockerTarget")) is ImageConfig image)
                    || image.StartInstruction == null)
                {
                    return false;
                }

                return !image.Command().Command.SetsUrls;
            }

            var procfile = HerokuFiles.Find(options, HerokuFiles.Procfile, cancellationToken);
            if (procfile == null && herokuYml == null)
            {
                return false;
            }

            if (procfile is (AdditionalText _, SourceText procfileText)
                && ProcfileDocument.Find(HerokuFiles.ParseProcfile(procfileText).CnbEntries, HerokuFacts.WebProcessType) is ProcfileEntry web
                && WebCommand.Read(web.Command).SetsUrls)
            {
                return false;
            }

            return !(ymlWeb is (string command, _) && WebCommand.Read(command).SetsUrls);
        }

        private static void AnalyzeFile(AdditionalFileAnalysisContext context, bool urlsKeyApplies)
        {
            if (!HerokuFiles.IsKind(context.Options, context.AdditionalFile, HerokuFiles.AppSettings)
                || !(context.AdditionalFile.GetText(context.CancellationToken) is SourceText text))
            {
                return;
            }

            var root = JsonParser.Parse(text.ToString(), relaxed: true, out _);
            if (root == null)
            {
                return;
            }

            Walk(context, text, root, "", 0, urlsKeyApplies);
        }

        /// <summary>Configuration keys are case-insensitive and ':' in a name nests like an object does.</summary>
        private static void Walk(AdditionalFileAnalysisContext context, SourceText text, JsonNode node, string prefix, int depth, bool urlsKeyApplies)
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
                    Walk(context, text, member.Value, key, depth + 1, urlsKeyApplies);
                    continue;
                }

                if (member.Value.Kind != JsonKind.String || string.IsNullOrWhiteSpace(member.Value.Text))
                {
                    continue;
                }

                var reason = IsEndpointUrl(key) ? EndpointsReason : urlsKeyApplies && IsUrls(key) ? UrlsReason : null;
                if (reason == null)
                {
                    continue;
                }

                var value = member.Value;
                var location = HerokuFiles.Location(context.AdditionalFile, text, value.Position.Line, value.Position.Column, value.Text!.Length + 2);
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.HK3003_AppSettingsBinding,
                    location,
                    "'" + key + "'",
                    Path.GetFileName(context.AdditionalFile.Path),
                    value.Text,
                    reason));
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
