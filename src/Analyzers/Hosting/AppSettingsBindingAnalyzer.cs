using System.Collections.Immutable;
using HerokuAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace HerokuAnalyzers.Hosting
{
    /// <summary>
    /// HK3003: addresses in the appsettings files a dyno reads. The check itself is
    /// <see cref="AppSettingsBindingCheck"/>, shared with the HerokuCheck gate; this analyzer reports it from an
    /// additional-file action, so an open appsettings.json shows it too.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class AppSettingsBindingAnalyzer : DiagnosticAnalyzer
    {
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

        private static bool UrlsKeyApplies(AnalyzerOptions options, System.Threading.CancellationToken cancellationToken)
        {
            var dockerfile = HerokuFiles.Find(options, HerokuFiles.Dockerfile, cancellationToken);
            return AppSettingsBindingCheck.UrlsKeyApplies(
                HerokuFiles.IsContainerDeploy(options, cancellationToken),
                HerokuFiles.Find(options, HerokuFiles.Procfile, cancellationToken) is (AdditionalText _, SourceText procfile) ? HerokuFiles.ParseProcfile(procfile) : null,
                HerokuFiles.Find(options, HerokuFiles.HerokuYml, cancellationToken)?.Text.ToString(),
                dockerfile?.Text.ToString(),
                dockerfile is (AdditionalText file, _) ? HerokuFiles.Metadata(options, file, "HerokuDockerTarget") : null);
        }

        private static void AnalyzeFile(AdditionalFileAnalysisContext context, bool urlsKeyApplies)
        {
            if (!HerokuFiles.IsKind(context.Options, context.AdditionalFile, HerokuFiles.AppSettings)
                || !(context.AdditionalFile.GetText(context.CancellationToken) is SourceText text))
            {
                return;
            }

            foreach (var finding in AppSettingsBindingCheck.Run(context.AdditionalFile.Path, HerokuFiles.ParseJson(text), urlsKeyApplies))
            {
                var location = HerokuFiles.Location(context.AdditionalFile, text, finding.Line, finding.Column, finding.Length);
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.HK3003_AppSettingsBinding, location, finding.Arguments));
            }
        }
    }
}
