using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using HerokuAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace HerokuAnalyzers.Hosting
{
    /// <summary>
    /// Checks every place that decides where Kestrel listens (<see cref="BindingSite"/>) against what
    /// Heroku's router can reach (docs/heroku-facts.md#router, #kestrel-binding). One address gets one diagnostic, the most
    /// severe that applies: loopback (HK3002), then a fixed port (HK3001), then IPv4 only (HK3005) —
    /// the fix of the first also fixes the others.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ServerBindingAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: the port to fall back to when PORT is not set (local runs).</summary>
        public const string FallbackPortProperty = "HerokuFallbackPort";

        public const string FixUrl = "Url";
        public const string FixListenLocalhost = "ListenLocalhost";
        public const string FixListenAddress = "ListenAddress";

        /// <summary>A constant Listen* port: read PORT, the constant becomes the fallback.</summary>
        public const string FixPort = "Port";

        /// <summary>IPAddress.Any: the dual-stack any-address instead; the port is HK3001's business.</summary>
        public const string FixIPv4Address = "IPv4Address";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            Descriptors.HK3001_FixedPort,
            Descriptors.HK3002_LoopbackBinding,
            Descriptors.HK3005_IPv4OnlyBinding);

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
                        AnalyzeUrls(context, site);
                        break;

                    case BindingSiteKind.ListenLocalhost:
                        context.ReportDiagnostic(Diagnostic.Create(
                            Descriptors.HK3002_LoopbackBinding,
                            invocation.Syntax.GetLocation(),
                            FixProperties(FixListenLocalhost),
                            site.Api,
                            "localhost"));
                        break;

                    case BindingSiteKind.ListenAddress when site.EndpointHostKind == HostKind.Loopback:
                        context.ReportDiagnostic(Diagnostic.Create(
                            Descriptors.HK3002_LoopbackBinding,
                            site.Value!.Syntax.GetLocation(),
                            FixProperties(FixListenAddress),
                            site.Api,
                            site.Value.Syntax.ToString()));
                        break;

                    case BindingSiteKind.ListenAddress:
                    case BindingSiteKind.ListenAnyIP:
                        if (site.EndpointHostKind == HostKind.AnyIPv4)
                        {
                            context.ReportDiagnostic(Diagnostic.Create(
                                Descriptors.HK3005_IPv4OnlyBinding,
                                site.Value!.Syntax.GetLocation(),
                                FixProperties(FixIPv4Address),
                                site.Api,
                                site.Value.Syntax.ToString()));
                        }

                        AnalyzePort(context, site);
                        break;
                }
            }
        }

        private static void AnalyzeUrls(OperationAnalysisContext context, BindingSite site)
        {
            var urls = site.ParseUrls();
            var (descriptor, url) = MostSevere(urls);
            if (descriptor == null || url == null)
            {
                return;
            }

            var properties = FixProperties(FixUrl)
                .Add(FallbackPortProperty, url.FixedPort?.ToString(CultureInfo.InvariantCulture));
            var detail = descriptor == Descriptors.HK3001_FixedPort
                ? url.FixedPort!.Value.ToString(CultureInfo.InvariantCulture)
                : url.Host;
            context.ReportDiagnostic(Diagnostic.Create(descriptor, site.Value!.Syntax.GetLocation(), properties, site.Api, detail));
        }

        private static (DiagnosticDescriptor? Descriptor, ServerUrl? Url) MostSevere(IReadOnlyList<ServerUrl> urls)
        {
            ServerUrl? fixedPort = null;
            ServerUrl? ipv4Only = null;
            foreach (var url in urls)
            {
                if (url.HostKind == HostKind.Loopback)
                {
                    return (Descriptors.HK3002_LoopbackBinding, url);
                }

                fixedPort ??= url.FixedPort != null ? url : null;
                ipv4Only ??= url.HostKind == HostKind.AnyIPv4 ? url : null;
            }

            if (fixedPort != null)
            {
                return (Descriptors.HK3001_FixedPort, fixedPort);
            }

            return ipv4Only != null ? (Descriptors.HK3005_IPv4OnlyBinding, ipv4Only) : (null, null);
        }

        /// <summary>
        /// Only a port known at compile time is reported: any other expression may well be the PORT
        /// variable (<c>int.Parse(Environment.GetEnvironmentVariable("PORT") ?? "5000")</c>) or come from configuration.
        /// </summary>
        private static void AnalyzePort(OperationAnalysisContext context, BindingSite site)
        {
            if (site.Port == null)
            {
                return;
            }

            var shape = StringShape.Of(site.Port);
            if (!shape.IsConstant || !int.TryParse(shape.Rendered, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.HK3001_FixedPort,
                site.Port.Syntax.GetLocation(),
                FixProperties(FixPort),
                site.Api,
                port.ToString(CultureInfo.InvariantCulture)));
        }

        private static ImmutableDictionary<string, string?> FixProperties(string kind)
            => ImmutableDictionary<string, string?>.Empty.Add(Descriptors.FixKindProperty, kind);
    }
}
