using System;
using System.Collections.Immutable;
using System.Linq;
using HerokuAnalyzers.Heroku;
using HerokuAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace HerokuAnalyzers.Platform
{
    /// <summary>
    /// HK8005: Heroku Key-Value Store's REDIS_URL handed unparsed to StackExchange.Redis. Sinks: the
    /// string <c>configuration</c> parameters of StackExchange.Redis (ConnectionMultiplexer.Connect,
    /// ConnectAsync, ConfigurationOptions.Parse), the Redis cache's and SignalR backplane's connection
    /// strings, and string <c>Configuration</c> properties of the Redis integration packages.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class RedisUrlAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.HK8005_RedisUrl);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                if (KnownTypes.Get(start.Compilation, "StackExchange.Redis.ConnectionMultiplexer") == null)
                {
                    return;
                }

                start.RegisterOperationAction(AnalyzeArgument, OperationKind.Argument);
                start.RegisterOperationAction(AnalyzeAssignment, OperationKind.SimpleAssignment);
            });
        }

        private static void AnalyzeArgument(OperationAnalysisContext context)
        {
            var argument = (IArgumentOperation)context.Operation;
            if (argument.Parameter is { Type.SpecialType: SpecialType.System_String } parameter
                && (parameter.Name == "configuration" || parameter.Name == "redisConnectionString")
                && IsRedisIntegration(parameter.ContainingSymbol)
                && !(argument.Parent is IInvocationOperation invocation && invocation.Arguments.Any(a => ReplacesConfigurationOptions(a.Value))))
            {
                Check(context, argument.Value, parameter.ContainingSymbol.ContainingType.Name + "." + parameter.ContainingSymbol.Name);
            }
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is IPropertyReferenceOperation { Property: { Name: "Configuration", Type.SpecialType: SpecialType.System_String } property }
                && IsRedisIntegration(property)
                && !(FindEnclosingLambda(assignment) is IAnonymousFunctionOperation lambda && ReplacesConfigurationOptions(lambda)))
            {
                Check(context, assignment.Value, property.ContainingType.Name + ".Configuration");
            }
        }

        private static void Check(OperationAnalysisContext context, IOperation value, string api)
        {
            if (ConfigVarRead.Find(value, IsRedisUrlName) is string variable)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.HK8005_RedisUrl, value.Syntax.GetLocation(), api, variable));
            }
        }

        /// <summary>
        /// Whether a configure callback replaces the whole ConfigurationOptions object
        /// (<c>options.Configuration = parsed</c> on SignalR's RedisOptions, <c>o.ConfigurationOptions = parsed</c>
        /// on the cache's options): the connection string given next to it is then never used to connect.
        /// </summary>
        private static bool ReplacesConfigurationOptions(IOperation value)
        {
            value = Operations.WithoutConversions(value);
            if (value is IDelegateCreationOperation creation)
            {
                value = creation.Target;
            }

            return value is IAnonymousFunctionOperation lambda
                   && lambda.Body.Descendants().Any(o => o is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target }
                                                        && target.Property.Type is INamedTypeSymbol { Name: "ConfigurationOptions", ContainingNamespace.Name: "Redis" });
        }

        private static IAnonymousFunctionOperation? FindEnclosingLambda(IOperation operation)
        {
            for (var parent = operation.Parent; parent != null; parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation lambda)
                {
                    return lambda;
                }
            }

            return null;
        }

        private static bool IsRedisUrlName(string name)
            => string.Equals(name, HerokuFacts.RedisUrlVariable, StringComparison.OrdinalIgnoreCase)
               || string.Equals(name, HerokuFacts.RedisTlsUrlVariable, StringComparison.OrdinalIgnoreCase);

        /// <summary>StackExchange.Redis itself and the packages built on it (Microsoft.Extensions.Caching.StackExchangeRedis, SignalR's backplane).</summary>
        private static bool IsRedisIntegration(ISymbol symbol)
            => symbol.ContainingAssembly?.Name is string name
               && (name.StartsWith("StackExchange.Redis", StringComparison.Ordinal) || name.IndexOf("StackExchangeRedis", StringComparison.Ordinal) >= 0);
    }
}
