using System.Collections.Immutable;
using HerokuAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace HerokuAnalyzers.Hosting
{
    /// <summary>
    /// Checks every place that decides where Kestrel listens (<see cref="BindingSite"/>) against what
    /// Heroku's router can reach (platform.md §6, §9.4).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ServerBindingAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: the port to fall back to when PORT is not set (local runs).</summary>
        public const string FallbackPortProperty = "HerokuFallbackPort";

        public const string FixUrl = "Url";
        public const string FixListenLocalhost = "ListenLocalhost";
        public const string FixListenAddress = "ListenAddress";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.HK3002_LoopbackBinding);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var symbols = BindingSymbols.TryCreate(start.Compilation);
                if (symbols == null)
                {
                    return;
                }

                start.RegisterOperationAction(c => AnalyzeInvocation(c, symbols), OperationKind.Invocation);
            });
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, BindingSymbols symbols)
        {
            var invocation = (IInvocationOperation)context.Operation;
            foreach (var site in BindingSite.Find(invocation, symbols))
            {
                switch (site.Kind)
                {
                    case BindingSiteKind.Urls:
                        foreach (var url in site.ParseUrls(context.CancellationToken))
                        {
                            if (url.HostKind == HostKind.Loopback)
                            {
                                var properties = ImmutableDictionary<string, string?>.Empty
                                    .Add(Descriptors.FixKindProperty, FixUrl)
                                    .Add(FallbackPortProperty, url.FixedPort?.ToString(System.Globalization.CultureInfo.InvariantCulture));
                                context.ReportDiagnostic(Diagnostic.Create(Descriptors.HK3002_LoopbackBinding, site.Value!.Syntax.GetLocation(), properties, site.Api, url.Host));
                                break;
                            }
                        }

                        break;

                    case BindingSiteKind.ListenLocalhost:
                        context.ReportDiagnostic(Diagnostic.Create(
                            Descriptors.HK3002_LoopbackBinding,
                            invocation.Syntax.GetLocation(),
                            ImmutableDictionary<string, string?>.Empty.Add(Descriptors.FixKindProperty, FixListenLocalhost),
                            site.Api,
                            "localhost"));
                        break;

                    case BindingSiteKind.ListenAddress when site.EndpointHostKind == HostKind.Loopback:
                        context.ReportDiagnostic(Diagnostic.Create(
                            Descriptors.HK3002_LoopbackBinding,
                            site.Value!.Syntax.GetLocation(),
                            ImmutableDictionary<string, string?>.Empty.Add(Descriptors.FixKindProperty, FixListenAddress),
                            site.Api,
                            site.Value.Syntax.ToString()));
                        break;
                }
            }
        }
    }
}
