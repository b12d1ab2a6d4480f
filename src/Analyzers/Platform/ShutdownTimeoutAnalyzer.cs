using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using HerokuAnalyzers.Heroku;
using HerokuAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace HerokuAnalyzers.Platform
{
    /// <summary>
    /// HK8003: a host shutdown timeout that reaches Heroku's SIGKILL (30 s after SIGTERM), and hosted
    /// services whose StopAsync awaits work without looking at its cancellation token.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ShutdownTimeoutAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property value: replace the timeout with the recommended one.</summary>
        public const string FixShorterTimeout = "ShorterShutdownTimeout";

        /// <summary>The host setting behind ShutdownTimeout (WebHostDefaults.ShutdownTimeoutKey).</summary>
        private const string ShutdownTimeoutKey = "shutdownTimeoutSeconds";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            Descriptors.HK8003_ShutdownTimeout,
            Descriptors.HK8003_StopIgnoresToken);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var hostOptions = KnownTypes.Get(start.Compilation, "Microsoft.Extensions.Hosting.HostOptions");
                var hostedService = KnownTypes.Get(start.Compilation, "Microsoft.Extensions.Hosting.IHostedService");
                var timeSpan = KnownTypes.Get(start.Compilation, "System.TimeSpan");
                if (hostOptions == null || hostedService == null || timeSpan == null)
                {
                    return;
                }

                start.RegisterOperationAction(c => AnalyzeAssignment(c, hostOptions, timeSpan), OperationKind.SimpleAssignment);
                start.RegisterOperationAction(c => AnalyzeInvocation(c, timeSpan), OperationKind.Invocation);
                start.RegisterOperationBlockStartAction(c => AnalyzeStopAsync(c, hostedService));
            });
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context, INamedTypeSymbol hostOptions, INamedTypeSymbol timeSpan)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is IPropertyReferenceOperation { Property: { Name: "ShutdownTimeout" } property }
                && SymbolEqualityComparer.Default.Equals(property.ContainingType, hostOptions))
            {
                Check(context, assignment.Value, "HostOptions.ShutdownTimeout", Seconds(assignment.Value, timeSpan));
            }
        }

        /// <summary>UseShutdownTimeout(TimeSpan) and UseSetting("shutdownTimeoutSeconds", "60").</summary>
        private static void AnalyzeInvocation(OperationAnalysisContext context, INamedTypeSymbol timeSpan)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            if (method.Name == "UseShutdownTimeout" && invocation.Arguments.LastOrDefault() is { } timeout)
            {
                Check(context, timeout.Value, "UseShutdownTimeout", Seconds(timeout.Value, timeSpan));
            }
            else if (method.Name == "UseSetting"
                     && invocation.Arguments.Length >= 2
                     && string.Equals(invocation.Arguments[invocation.Arguments.Length - 2].Value.ConstantValue.Value as string, ShutdownTimeoutKey, StringComparison.OrdinalIgnoreCase)
                     && invocation.Arguments[invocation.Arguments.Length - 1].Value is { ConstantValue: { HasValue: true, Value: string text } } value
                     && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                Check(context, value, "The " + ShutdownTimeoutKey + " setting", seconds, fixable: false);
            }
        }

        private static void Check(OperationAnalysisContext context, IOperation value, string api, double? seconds, bool fixable = true)
        {
            if (seconds is not double s || s < HerokuFacts.ShutdownGraceSeconds)
            {
                return;
            }

            var properties = fixable
                ? ImmutableDictionary<string, string?>.Empty.Add(Descriptors.FixKindProperty, FixShorterTimeout)
                : ImmutableDictionary<string, string?>.Empty;
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.HK8003_ShutdownTimeout,
                value.Syntax.GetLocation(),
                properties,
                api,
                double.IsInfinity(s) ? "unlimited" : s.ToString("0.###", CultureInfo.InvariantCulture),
                HerokuFacts.ShutdownGraceSeconds,
                HerokuFacts.RecommendedShutdownTimeoutSeconds));
        }

        /// <summary>A TimeSpan known at compile time, in seconds: FromX(constant), new TimeSpan(…), MaxValue, InfiniteTimeSpan.</summary>
        private static double? Seconds(IOperation value, INamedTypeSymbol timeSpan)
        {
            value = Operations.WithoutConversions(value);
            if (value is ILocalReferenceOperation local && Operations.SingleInitializer(local) is IOperation initializer)
            {
                value = Operations.WithoutConversions(initializer);
            }

            switch (value)
            {
                case IInvocationOperation { TargetMethod: { IsStatic: true } method } invocation
                    when SymbolEqualityComparer.Default.Equals(method.ContainingType, timeSpan) && invocation.Arguments.Length >= 1:
                    var constants = invocation.Arguments.Select(a => Number(a.Value)).ToArray();
                    if (constants.Any(c => c == null))
                    {
                        return null;
                    }

                    var first = constants[0]!.Value;
                    return method.Name switch
                    {
                        "FromDays" => first * 86400,
                        "FromHours" => first * 3600,
                        "FromMinutes" => first * 60 + (constants.Length > 1 ? constants[1]!.Value : 0),
                        "FromSeconds" => first,
                        "FromMilliseconds" => first / 1000,
                        _ => null,
                    };

                case IObjectCreationOperation creation when SymbolEqualityComparer.Default.Equals(creation.Type, timeSpan):
                    var parts = creation.Arguments.Select(a => Number(a.Value)).ToArray();
                    if (parts.Any(p => p == null))
                    {
                        return null;
                    }

                    return parts.Length switch
                    {
                        1 => parts[0]!.Value / TimeSpan.TicksPerSecond,
                        3 => parts[0]!.Value * 3600 + parts[1]!.Value * 60 + parts[2]!.Value,
                        4 => parts[0]!.Value * 86400 + parts[1]!.Value * 3600 + parts[2]!.Value * 60 + parts[3]!.Value,
                        _ => null,
                    };

                case IFieldReferenceOperation { Field: { Name: "MaxValue" } field } when SymbolEqualityComparer.Default.Equals(field.ContainingType, timeSpan):
                case IFieldReferenceOperation { Field: { Name: "InfiniteTimeSpan" } }:
                    return double.PositiveInfinity;

                default:
                    return null;
            }
        }

        private static double? Number(IOperation operation)
            => operation.ConstantValue is { HasValue: true, Value: { } value } && !(value is string)
                ? Convert.ToDouble(value, CultureInfo.InvariantCulture)
                : null;

        /// <summary>StopAsync of an IHostedService that awaits something and never mentions its token.</summary>
        private static void AnalyzeStopAsync(OperationBlockStartAnalysisContext context, INamedTypeSymbol hostedService)
        {
            if (!(context.OwningSymbol is IMethodSymbol { Name: "StopAsync", Parameters.Length: 1 } method)
                || !method.ContainingType.AllInterfaces.Contains(hostedService, SymbolEqualityComparer.Default))
            {
                return;
            }

            var token = method.Parameters[0];
            var awaits = false;
            var usesToken = false;
            context.RegisterOperationAction(c => awaits = true, OperationKind.Await);
            context.RegisterOperationAction(
                c => usesToken |= SymbolEqualityComparer.Default.Equals(((IParameterReferenceOperation)c.Operation).Parameter, token),
                OperationKind.ParameterReference);
            context.RegisterOperationBlockEndAction(c =>
            {
                if (awaits && !usesToken && method.Locations.FirstOrDefault() is Location location && location.IsInSource)
                {
                    c.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.HK8003_StopIgnoresToken,
                        location,
                        method.ContainingType.Name,
                        HerokuFacts.ShutdownGraceSeconds,
                        token.Name));
                }
            });
        }
    }
}
