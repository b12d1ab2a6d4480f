using System;
using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using HerokuAnalyzers.Heroku;
using HerokuAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace HerokuAnalyzers.Platform
{
    /// <summary>
    /// HK8005: Heroku Key-Value Store's REDIS_URL handed unparsed to StackExchange.Redis. Sinks: the
    /// string <c>configuration</c> parameters of StackExchange.Redis (ConnectionMultiplexer.Connect,
    /// ConnectAsync, ConfigurationOptions.Parse), the Redis cache's and SignalR backplane's connection
    /// strings, and string <c>Configuration</c> properties of the Redis integration packages.
    /// Also a conversion of the URL (<c>new Uri(REDIS_URL)</c>, <c>Uri.TryCreate</c>) whose body builds the
    /// StackExchange.Redis configuration without TLS, or with TLS but without accepting Heroku's self-signed
    /// certificate: decided from that body (and, for a helper taking the URL as a parameter, its callers in
    /// the same file), so the rule stays live in the editor.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class RedisUrlAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.HK8005_RedisUrl, Descriptors.HK8005_TlsLost);

        private static readonly Regex SslOn = new Regex(@"\bssl\s*=\s*true\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

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
                if (KnownTypes.Get(start.Compilation, "System.Uri") is INamedTypeSymbol uri)
                {
                    start.RegisterOperationAction(c => AnalyzeSite(c, uri), OperationKind.ObjectCreation, OperationKind.Invocation, OperationKind.Argument, OperationKind.SimpleAssignment);
                }
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
        /// A StackExchange.Redis configuration (<c>new ConfigurationOptions</c>, <c>ConfigurationOptions.Parse</c>, a
        /// configuration string) that is the first one its body builds from a REDIS_URL conversion losing TLS. Reported
        /// from the configuration's own action: open-file analysis keeps only what an operation action reports inside
        /// the operation it was given.
        /// </summary>
        private static void AnalyzeSite(OperationAnalysisContext context, INamedTypeSymbol uri)
        {
            IOperation? candidate = context.Operation switch
            {
                IObjectCreationOperation creation when IsConfigurationOptions(creation.Type) => creation,
                IInvocationOperation { TargetMethod.Name: "Parse" } invocation when IsConfigurationOptions(invocation.TargetMethod.ContainingType) => invocation,
                IArgumentOperation { Parameter: { Type.SpecialType: SpecialType.System_String } parameter } argument
                    when (parameter.Name == "configuration" || parameter.Name == "redisConnectionString") && IsRedisIntegration(parameter.ContainingSymbol) => argument.Value,
                ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { Name: "Configuration", Type.SpecialType: SpecialType.System_String } property } } assignment
                    when IsRedisIntegration(property) => assignment.Value,
                _ => null,
            };
            if (candidate == null)
            {
                return;
            }

            foreach (var operation in Operations.Root(context.Operation).Descendants())
            {
                if (Evaluate(operation, uri, context.Compilation, context.CancellationToken) is (IOperation site, string variable, bool sslOn))
                {
                    if (site.Syntax == candidate.Syntax)
                    {
                        Report(context, site, variable, sslOn);
                        return;
                    }
                }
            }
        }

        /// <summary>
        /// <c>new Uri(url)</c> or <c>Uri.TryCreate(url, …)</c> of REDIS_URL (directly, or a parameter that callers in
        /// the same file fill with it), in a body that builds a StackExchange.Redis configuration: TLS must be turned
        /// on and Heroku's self-signed certificate accepted there. Returns the first configuration built from the URL,
        /// the variable and whether TLS is on, when something is missing; else null.
        /// </summary>
        private static (IOperation Site, string Variable, bool SslOn)? Evaluate(IOperation conversion, INamedTypeSymbol uri, Compilation compilation, System.Threading.CancellationToken cancellationToken)
        {
            var source = conversion switch
            {
                IObjectCreationOperation creation when SymbolEqualityComparer.Default.Equals(creation.Type, uri) && creation.Arguments.Length > 0
                    => creation.Arguments[0].Value,
                IInvocationOperation { TargetMethod: { Name: "TryCreate", IsStatic: true } } invocation when SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, uri)
                                                                                                       && invocation.Arguments.Length > 0
                                                                                                       && invocation.Arguments[0].Value.Type?.SpecialType == SpecialType.System_String
                    => invocation.Arguments[0].Value,
                _ => null,
            };
            if (source == null || !(RedisUrlSource(source, compilation, cancellationToken) is string variable))
            {
                return null;
            }

            var root = Operations.Root(conversion);
            var uriLocal = UriLocal(conversion);
            IOperation? site = null;
            var sslOn = false;
            var certificateAccepted = false;
            foreach (var operation in root.Descendants())
            {
                switch (operation)
                {
                    case IObjectCreationOperation creation when IsConfigurationOptions(creation.Type):
                        site ??= Related(creation, uriLocal, root) ? creation : null;
                        break;
                    case IInvocationOperation invocation when invocation.TargetMethod.Locations.Any(l => l.IsInSource)
                                                              && invocation.Arguments.Any(a => IsConfigurationOptions(a.Value.Type)):
                        // The options go to the app's own code (a ConfigureTls(options) helper): what it sets is not seen here.
                        sslOn = certificateAccepted = true;
                        break;
                    case IInvocationOperation invocation when IsConfigurationOptions(invocation.TargetMethod.ContainingType):
                        if (invocation.TargetMethod.Name == "Parse")
                        {
                            site ??= Related(invocation, uriLocal, root) ? invocation : null;
                        }
                        else if (invocation.TargetMethod.Name == "TrustIssuer")
                        {
                            certificateAccepted = true;
                        }

                        break;
                    case IArgumentOperation { Parameter: { Type.SpecialType: SpecialType.System_String } parameter } argument
                        when (parameter.Name == "configuration" || parameter.Name == "redisConnectionString") && IsRedisIntegration(parameter.ContainingSymbol)
                             && ConfigVarRead.Find(argument.Value, IsRedisUrlName) == null:
                        site ??= Related(argument.Value, uriLocal, root) ? argument.Value : null;
                        break;
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { } property } } assignment:
                        if (property.Name == "Configuration" && property.Type.SpecialType == SpecialType.System_String && IsRedisIntegration(property)
                            && ConfigVarRead.Find(assignment.Value, IsRedisUrlName) == null)
                        {
                            site ??= Related(assignment.Value, uriLocal, root) ? assignment.Value : null;
                        }
                        else if (IsConfigurationOptions(property.ContainingType) && property.Name == "Ssl")
                        {
                            sslOn |= !(assignment.Value.ConstantValue is { HasValue: true, Value: false });
                        }
                        else if (IsConfigurationOptions(property.ContainingType) && property.Name == "SslClientAuthenticationOptions")
                        {
                            certificateAccepted = true;
                        }

                        break;
                    case IEventAssignmentOperation { Adds: true, EventReference: IEventReferenceOperation { Event: { Name: "CertificateValidation" } handler } }
                        when IsConfigurationOptions(handler.ContainingType):
                        certificateAccepted = true;
                        break;
                    case ILiteralOperation { ConstantValue: { HasValue: true, Value: string text } } when text.IndexOf("ssl", StringComparison.OrdinalIgnoreCase) >= 0:
                        sslOn |= Matches(SslOn, text);
                        break;
                }
            }

            return site == null || (sslOn && certificateAccepted) ? null : (site, variable, sslOn);
        }

        private static void Report(OperationAnalysisContext context, IOperation site, string variable, bool sslOn)
        {
            var what = site is IObjectCreationOperation ? "new ConfigurationOptions" : site is IInvocationOperation ? "ConfigurationOptions.Parse(…)" : "The configuration string";
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.HK8005_TlsLost,
                site.Syntax.GetLocation(),
                what,
                variable,
                sslOn ? "does not accept Heroku's self-signed certificate" : "never turns TLS on",
                sslOn
                    ? "Build ConfigurationOptions and add a CertificateValidation callback that accepts Heroku's certificate (a configuration string cannot carry one)"
                    : "Set Ssl = true when the scheme is rediss (ssl=true in a string) and add a CertificateValidation callback that accepts Heroku's certificate"));
        }

        /// <summary>The local the parsed Uri is kept in (<c>var uri = new Uri(…)</c>, <c>out var uri</c>), or null when it is used in place.</summary>
        private static ILocalSymbol? UriLocal(IOperation conversion)
        {
            if (conversion is IInvocationOperation tryCreate)
            {
                foreach (var argument in tryCreate.Arguments)
                {
                    if (argument.Parameter?.RefKind == RefKind.Out)
                    {
                        return Operations.WithoutConversions(argument.Value) switch
                        {
                            IDeclarationExpressionOperation { Expression: ILocalReferenceOperation declared } => declared.Local,
                            ILocalReferenceOperation local => local.Local,
                            _ => null,
                        };
                    }
                }

                return null;
            }

            var parent = conversion.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            return parent switch
            {
                IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
                ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } => target.Local,
                _ => null,
            };
        }

        /// <summary>
        /// Whether a Redis configuration is built from the parsed URL: it reads the Uri local itself, or it is kept in a
        /// local that a statement of the body fills from the Uri (<c>options.EndPoints.Add(uri.Host, uri.Port)</c>).
        /// Without a Uri local (used in place) every configuration of the body counts.
        /// </summary>
        private static bool Related(IOperation site, ILocalSymbol? uriLocal, IOperation root)
        {
            if (uriLocal == null || References(site, uriLocal))
            {
                return true;
            }

            var parent = site.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            var optionsLocal = parent switch
            {
                IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
                ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } => target.Local,
                _ => null,
            };
            return optionsLocal != null
                   && root.Descendants().OfType<IExpressionStatementOperation>().Any(statement => References(statement, optionsLocal) && References(statement, uriLocal));
        }

        private static bool References(IOperation operation, ILocalSymbol local)
            => operation.DescendantsAndSelf().Any(o => o is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local));

        /// <summary>
        /// The REDIS_URL config var a URL comes from: read in place (through locals, ?? and ?:), or a parameter of the
        /// enclosing method that a call in the same file fills with such a read. Same file only: the editor sees it too.
        /// </summary>
        private static string? RedisUrlSource(IOperation value, Compilation compilation, System.Threading.CancellationToken cancellationToken)
        {
            if (ConfigVarRead.Find(value, IsRedisUrlName) is string variable)
            {
                return variable;
            }

            if (!(Operations.WithoutConversions(value) is IParameterReferenceOperation { Parameter: { ContainingSymbol: IMethodSymbol method } parameter }))
            {
                return null;
            }

            // The callers are in other members of this file: the model the operation came with may only bind its own
            // member (open-file analysis), so bind them with a model of the whole tree.
#pragma warning disable RS1030 // One model of this tree, only when a Uri is parsed from a parameter in code that uses StackExchange.Redis.
            var model = compilation.GetSemanticModel(value.Syntax.SyntaxTree);
#pragma warning restore RS1030
            var root = model.SyntaxTree.GetRoot(cancellationToken);
            foreach (var call in root.DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                var name = call.Expression switch
                {
                    IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                    MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                    _ => null,
                };
                // Compared by declaration, not symbol identity: the editor's operations and this model may come from
                // different compilation objects, whose source symbols are never equal.
                if (name != method.Name
                    || !(model.GetOperation(call, cancellationToken) is IInvocationOperation invocation)
                    || !SameDeclaration(invocation.TargetMethod, method))
                {
                    continue;
                }

                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter?.Ordinal == parameter.Ordinal
                        && ConfigVarRead.Find(argument.Value, IsRedisUrlName) is string passed)
                    {
                        return passed;
                    }
                }
            }

            return null;
        }

        private static bool SameDeclaration(IMethodSymbol called, IMethodSymbol method)
        {
            var declared = (called.ReducedFrom ?? called).OriginalDefinition;
            return declared.DeclaringSyntaxReferences.Length > 0
                   && declared.DeclaringSyntaxReferences.Length == method.OriginalDefinition.DeclaringSyntaxReferences.Length
                   && declared.DeclaringSyntaxReferences[0].SyntaxTree == method.OriginalDefinition.DeclaringSyntaxReferences[0].SyntaxTree
                   && declared.DeclaringSyntaxReferences[0].Span == method.OriginalDefinition.DeclaringSyntaxReferences[0].Span;
        }

        private static bool IsConfigurationOptions(ITypeSymbol? type)
            => type is INamedTypeSymbol { Name: "ConfigurationOptions", ContainingNamespace: { Name: "Redis", ContainingNamespace.Name: "StackExchange" } };

        private static bool Matches(Regex regex, string text)
        {
            try
            {
                return regex.IsMatch(text);
            }
            catch (RegexMatchTimeoutException)
            {
                return false;
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
