using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using HerokuAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace HerokuAnalyzers.Platform
{
    /// <summary>
    /// HK8001: code that depends on the request's scheme or client address while Heroku's forwarded
    /// headers are not applied. Severity follows the consequence: a redirect loop or http links are
    /// warnings; middleware that merely does nothing on a dyno is a suggestion. Any complete setup —
    /// configured UseForwardedHeaders, ASPNETCORE_FORWARDEDHEADERS_ENABLED=true in the Heroku files, or
    /// code that reads X-Forwarded-Proto itself — silences the rule for the whole app.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ForwardedHeadersAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property value: the code fix can insert a configured UseForwardedHeaders before this statement.</summary>
        public const string FixInsertForwardedHeaders = "InsertForwardedHeaders";

        private const string AddForwardedHeaders = "Call UseForwardedHeaders before it with XForwardedFor | XForwardedProto and KnownNetworks and KnownProxies cleared, or set ASPNETCORE_FORWARDEDHEADERS_ENABLED=true (app.json env, Procfile or Dockerfile ENV)";
        private const string ConfigureForwardedHeaders = "Set ForwardedHeaders = XForwardedFor | XForwardedProto and clear KnownNetworks and KnownProxies (ForwardLimit 1 keeps the address the router appended), or set ASPNETCORE_FORWARDEDHEADERS_ENABLED=true";

        /// <summary>Middleware that reads the scheme or client address: UseForwardedHeaders must run before it.</summary>
        private static readonly ImmutableHashSet<string> SchemeReadingMiddleware = ImmutableHashSet.Create(
            StringComparer.Ordinal, "UseHttpsRedirection", "UseHsts", "UseAuthentication", "UseCookiePolicy");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            Descriptors.HK8001_ForwardedHeaders);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var symbols = ForwardedHeadersSymbols.TryCreate(start.Compilation);
                if (symbols == null)
                {
                    return;
                }

                var compilation = start.Compilation;
                var options = start.Options;
                var state = new Lazy<(ForwardedHeadersSetup Setup, DeploymentSettings Settings)>(
                    () => (ForwardedHeadersSetup.Scan(compilation, CancellationToken.None), DeploymentSettings.Read(options, CancellationToken.None)),
                    LazyThreadSafetyMode.ExecutionAndPublication);
                // The compilation-wide scan runs once, and only when an operation HK8001 cares about turns up.
                start.RegisterOperationAction(c => AnalyzeInvocation(c, symbols, state), OperationKind.Invocation);
                start.RegisterOperationAction(c => AnalyzePropertyReference(c, symbols, state), OperationKind.PropertyReference);
            });
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, ForwardedHeadersSymbols symbols, Lazy<(ForwardedHeadersSetup Setup, DeploymentSettings Settings)> lazyState)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            if (!IsMiddlewareExtension(method, symbols))
            {
                return;
            }

            var state = lazyState.Value;
            if (state.Settings.ForwardedHeadersEnabledIn != null)
            {
                return;
            }

            if (method.Name == "UseForwardedHeaders")
            {
                AnalyzeUseForwardedHeaders(context, invocation, state.Setup);
            }
            else if (method.Name == "UseHttpsRedirection" || method.Name == "UseHsts")
            {
                AnalyzeSchemeMiddleware(context, invocation, state.Setup, state.Settings);
            }
        }

        private static bool IsMiddlewareExtension(IMethodSymbol method, ForwardedHeadersSymbols symbols)
        {
            var type = method.ContainingType;
            return method.Name switch
            {
                "UseForwardedHeaders" => SymbolEqualityComparer.Default.Equals(type, symbols.ForwardedHeadersExtensions),
                "UseHttpsRedirection" => SymbolEqualityComparer.Default.Equals(type, symbols.HttpsPolicyBuilderExtensions),
                "UseHsts" => SymbolEqualityComparer.Default.Equals(type, symbols.HstsBuilderExtensions),
                _ => false,
            };
        }

        private static void AnalyzeSchemeMiddleware(OperationAnalysisContext context, IInvocationOperation invocation, ForwardedHeadersSetup setup, DeploymentSettings settings)
        {
            if (setup.HandlesSchemeItself)
            {
                return;
            }

            var body = Operations.Root(invocation).Syntax;
            var forwardedCalls = MiddlewareCalls(body, "UseForwardedHeaders");
            if (forwardedCalls.Length > 0 || setup.CallsUseForwardedHeaders)
            {
                // Ordering and options are UseForwardedHeaders' own diagnostics; a call in another method cannot be ordered.
                return;
            }

            var name = invocation.TargetMethod.Name;
            var properties = ImmutableDictionary<string, string?>.Empty;
            if (IsFirstSchemeMiddleware(invocation, body))
            {
                properties = properties.Add(Descriptors.FixKindProperty, FixInsertForwardedHeaders);
            }

            var httpsPort = setup.HttpsPort ?? (settings.HttpsPortIn != null ? "an HTTPS port set in " + settings.HttpsPortIn : null);
            if (name == "UseHttpsRedirection" && httpsPort != null)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.HK8001_ForwardedHeaders,
                    invocation.Syntax.GetLocation(),
                    properties,
                    "UseHttpsRedirection redirects to https (" + httpsPort + ") but no forwarded headers are applied",
                    "every request, also the redirected one, looks like http and is redirected again: browsers stop with too many redirects",
                    AddForwardedHeaders));
            }
            else if (name == "UseHttpsRedirection")
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.HK8001_ForwardedHeaders,
                    invocation.Syntax.GetLocation(),
                    DiagnosticSeverity.Info,
                    additionalLocations: null,
                    properties: properties,
                    "UseHttpsRedirection has no HTTPS port and no forwarded headers",
                    "it only logs that it failed to determine the https port and never redirects: it is dead code on a dyno",
                    AddForwardedHeaders));
            }
            else
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.HK8001_ForwardedHeaders,
                    invocation.Syntax.GetLocation(),
                    DiagnosticSeverity.Info,
                    additionalLocations: null,
                    properties: properties,
                    "UseHsts runs without forwarded headers",
                    "no request looks like https and the Strict-Transport-Security header is never sent",
                    AddForwardedHeaders));
            }
        }

        private static void AnalyzeUseForwardedHeaders(OperationAnalysisContext context, IInvocationOperation invocation, ForwardedHeadersSetup setup)
        {
            var body = Operations.Root(invocation).Syntax;
            var earlier = SchemeReadingMiddleware
                .SelectMany(name => MiddlewareCalls(body, name))
                .Where(call => call.SpanStart < invocation.Syntax.SpanStart)
                .OrderBy(call => call.SpanStart)
                .FirstOrDefault();
            if (earlier != null)
            {
                var earlierName = ((MemberAccessExpressionSyntax)earlier.Expression).Name.Identifier.ValueText;
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.HK8001_ForwardedHeaders,
                    invocation.Syntax.GetLocation(),
                    "UseForwardedHeaders runs after " + earlierName + " (line " + (earlier.GetLocation().GetLineSpan().StartLinePosition.Line + 1) + ")",
                    earlierName + " still sees every request as http from the router's address",
                    "Call UseForwardedHeaders first, before every other middleware"));
                return;
            }

            var throughHelpers = EarlierThroughHelpers(invocation, context.Compilation, context.CancellationToken);
            if (throughHelpers != null)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.HK8001_ForwardedHeaders,
                    invocation.Syntax.GetLocation(),
                    throughHelpers.Value.What,
                    throughHelpers.Value.Middleware + " still sees every request as http from the router's address",
                    "Call UseForwardedHeaders first, before every other middleware"));
                return;
            }

            var configuration = ExplicitOptions(invocation, body) ?? setup.Configured;
            if (configuration == null || !configuration.ForwardsProto)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.HK8001_ForwardedHeaders,
                    invocation.Syntax.GetLocation(),
                    "UseForwardedHeaders runs with ForwardedHeaders = None (or without XForwardedProto)",
                    "it applies no scheme and the app still sees every request as http",
                    ConfigureForwardedHeaders));
            }
            else if (!configuration.TrustsRouter)
            {
                var kept = configuration.TrustsNetworks ? "KnownProxies" : configuration.TrustsProxies ? "KnownNetworks" : "KnownNetworks and KnownProxies";
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.HK8001_ForwardedHeaders,
                    invocation.Syntax.GetLocation(),
                    "UseForwardedHeaders keeps the default " + kept + " (loopback only)",
                    "the router is not loopback, its X-Forwarded headers are ignored and the app still sees http",
                    ConfigureForwardedHeaders));
            }
        }

        /// <summary>
        /// Pipelines split into helpers (<c>app.ConfigureErrors(); app.ConfigureForwarding();</c>) run in the
        /// order of the helper calls. One helper level deep: where this UseForwardedHeaders call runs (its own
        /// body, and each call site of the method that contains it), and whether something that reads the
        /// scheme ran before it there — the middleware itself, or a method of this compilation that calls it.
        /// Calls in the same body with no helper involved are the in-body check's.
        /// </summary>
        private static (string What, string Middleware)? EarlierThroughHelpers(IInvocationOperation invocation, Compilation compilation, CancellationToken cancellationToken)
        {
            var model = invocation.SemanticModel;
            if (model == null)
            {
                return null;
            }

            var places = new List<(SyntaxNode Body, int Position, SemanticModel Model, string? Via)>
            {
                (Operations.Root(invocation).Syntax, invocation.Syntax.SpanStart, model, null),
            };
            var container = model.GetEnclosingSymbol(invocation.Syntax.SpanStart, cancellationToken) as IMethodSymbol;
            if (container is { MethodKind: MethodKind.Ordinary, IsImplicitlyDeclared: false } && container.Name != "<Main>$")
            {
                foreach (var tree in compilation.SyntaxTrees)
                {
                    SemanticModel? treeModel = null;
                    foreach (var call in tree.GetRoot(cancellationToken).DescendantNodes().OfType<InvocationExpressionSyntax>())
                    {
                        if (CalledName(call) != container.Name)
                        {
                            continue;
                        }

#pragma warning disable RS1030 // Only for UseForwardedHeaders inside a helper method: binds the few calls of that helper, in whichever document they are.
                        treeModel ??= compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                        if (SymbolEqualityComparer.Default.Equals(Unreduced(treeModel, call, cancellationToken), container.OriginalDefinition)
                            && EnclosingBody(call) is { } callerBody)
                        {
                            places.Add((callerBody, call.SpanStart, treeModel, container.Name + " (" + LineOf(call) + ")"));
                        }
                    }
                }
            }

            foreach (var (body, position, placeModel, via) in places)
            {
                var earlierCalls = body.DescendantNodes(n => !(n is LocalFunctionStatementSyntax) && !(n is BaseMethodDeclarationSyntax) || n == body)
                    .OfType<InvocationExpressionSyntax>()
                    .Where(call => call.Span.End <= position)
                    .OrderBy(call => call.SpanStart);
                foreach (var earlier in earlierCalls)
                {
                    var name = CalledName(earlier);
                    if (name == null)
                    {
                        continue;
                    }

                    var reached = via == null ? "UseForwardedHeaders" : "UseForwardedHeaders, reached through " + via + ",";
                    if (SchemeReadingMiddleware.Contains(name))
                    {
                        if (via != null)
                        {
                            return (reached + " runs after " + name + " (" + LineOf(earlier) + ")", name);
                        }

                        continue;
                    }

                    if (Unreduced(placeModel, earlier, cancellationToken) is IMethodSymbol helper
                        && !SymbolEqualityComparer.Default.Equals(helper, container?.OriginalDefinition)
                        && SchemeMiddlewareIn(helper, cancellationToken) is string middleware)
                    {
                        return (reached + " runs after " + name + " (" + LineOf(earlier) + "), which calls " + middleware, middleware);
                    }
                }
            }

            return null;
        }

        /// <summary>The first scheme-reading middleware a source method calls in its own body, or null.</summary>
        private static string? SchemeMiddlewareIn(IMethodSymbol method, CancellationToken cancellationToken)
        {
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                var declaration = reference.GetSyntax(cancellationToken);
                var first = SchemeReadingMiddleware
                    .SelectMany(name => MiddlewareCalls(declaration, name))
                    .OrderBy(call => call.SpanStart)
                    .FirstOrDefault();
                if (first != null)
                {
                    return ((MemberAccessExpressionSyntax)first.Expression).Name.Identifier.ValueText;
                }
            }

            return null;
        }

        private static IMethodSymbol? Unreduced(SemanticModel model, InvocationExpressionSyntax call, CancellationToken cancellationToken)
            => model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol method ? (method.ReducedFrom ?? method).OriginalDefinition : null;

        private static string? CalledName(InvocationExpressionSyntax call) => call.Expression switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => null,
        };

        private static SyntaxNode? EnclosingBody(SyntaxNode node)
            => node.Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax || a is LocalFunctionStatementSyntax
                                                    || a is AccessorDeclarationSyntax || a is CompilationUnitSyntax);

        private static string LineOf(SyntaxNode node)
        {
            var span = node.GetLocation().GetLineSpan();
            return System.IO.Path.GetFileName(span.Path) is { Length: > 0 } file
                ? file + " line " + (span.StartLinePosition.Line + 1)
                : "line " + (span.StartLinePosition.Line + 1);
        }

        /// <summary>The options passed to this UseForwardedHeaders call: a new object, or a local configured in the same body.</summary>
        private static ForwardedHeadersConfiguration? ExplicitOptions(IInvocationOperation invocation, SyntaxNode body)
        {
            var argument = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 1 && !a.IsImplicit);
            if (argument == null)
            {
                return null;
            }

            var value = Operations.WithoutConversions(argument.Value);
            if (value is IObjectCreationOperation creation)
            {
                return ForwardedHeadersConfiguration.Of(new[] { creation.Syntax });
            }

            if (value is ILocalReferenceOperation local)
            {
                var name = local.Local.Name;
                var uses = body.DescendantNodes()
                    .Where(n => (n is VariableDeclaratorSyntax declarator && declarator.Identifier.ValueText == name)
                                || (n is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax id } && id.Identifier.ValueText == name))
                    .Select(n => n.Parent is AssignmentExpressionSyntax assignment && assignment.Left == n ? assignment : n)
                    .ToArray();
                return ForwardedHeadersConfiguration.Of(uses);
            }

            return ForwardedHeadersConfiguration.Unknown;
        }

        private static void AnalyzePropertyReference(OperationAnalysisContext context, ForwardedHeadersSymbols symbols, Lazy<(ForwardedHeadersSetup Setup, DeploymentSettings Settings)> lazyState)
        {
            var reference = (IPropertyReferenceOperation)context.Operation;
            var property = reference.Property;
            var isRequest = SymbolEqualityComparer.Default.Equals(property.ContainingType, symbols.HttpRequest)
                            && (property.Name == "Scheme" || property.Name == "IsHttps");
            var isConnection = SymbolEqualityComparer.Default.Equals(property.ContainingType, symbols.ConnectionInfo) && property.Name == "RemoteIpAddress";
            if (!isRequest && !isConnection)
            {
                return;
            }

            var state = lazyState.Value;
            if (state.Settings.ForwardedHeadersEnabledIn != null
                || state.Setup.CallsUseForwardedHeaders
                || state.Setup.HandlesSchemeItself
                || IsAssigned(reference))
            {
                return;
            }

            string what, consequence;
            var severity = Descriptors.HK8001_ForwardedHeaders.DefaultSeverity;
            if (isRequest && property.Name == "Scheme" && BuildsText(reference))
            {
                what = "is used to build a URL";
                consequence = "it is always 'http' and links, OAuth callbacks and origins built from it point to http://";
            }
            else if (isRequest && property.Name == "IsHttps")
            {
                what = "decides what the app does";
                consequence = "it is false for every request, also for visitors on https";
            }
            else if (isConnection)
            {
                what = "is read";
                consequence = "it holds the router's address, not the client's";
                severity = DiagnosticSeverity.Info;
            }
            else
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.HK8001_ForwardedHeaders,
                reference.Syntax.GetLocation(),
                severity,
                additionalLocations: null,
                properties: null,
                "'" + reference.Syntax + "' " + what,
                consequence,
                AddForwardedHeaders));
        }

        private static bool IsAssigned(IOperation reference)
            => reference.Parent is IAssignmentOperation assignment && assignment.Target == reference;

        /// <summary>The scheme flows into text: interpolation, concatenation, a string.Format/Concat argument or a 'protocol'/'scheme' argument.</summary>
        private static bool BuildsText(IOperation reference)
        {
            var operation = reference;
            while (operation.Parent is IConversionOperation)
            {
                operation = operation.Parent;
            }

            switch (operation.Parent)
            {
                case IInterpolationOperation _:
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add }:
                    return true;
                case IArgumentOperation { Parameter: { } parameter } argument:
                    return parameter.Name == "protocol" || parameter.Name == "scheme" || parameter.Name == "schemeName"
                           || (argument.Parent is IInvocationOperation call && call.TargetMethod.ContainingType.SpecialType == SpecialType.System_String);
                case IPropertyInitializerOperation _:
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Scheme" } }:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>Calls written <c>x.Name(…)</c> in a body, in source order.</summary>
        private static ImmutableArray<InvocationExpressionSyntax> MiddlewareCalls(SyntaxNode body, string name)
            => body.DescendantNodes(n => !(n is LocalFunctionStatementSyntax) && !(n is MethodDeclarationSyntax) || n == body)
                .OfType<InvocationExpressionSyntax>()
                .Where(i => i.Expression is MemberAccessExpressionSyntax member && member.Name.Identifier.ValueText == name)
                .ToImmutableArray();

        /// <summary>The fix inserts one configured call, before the first scheme-reading middleware of the body.</summary>
        private static bool IsFirstSchemeMiddleware(IInvocationOperation invocation, SyntaxNode body)
        {
            var first = SchemeReadingMiddleware
                .SelectMany(name => MiddlewareCalls(body, name))
                .OrderBy(call => call.SpanStart)
                .FirstOrDefault();
            return first == invocation.Syntax
                   && invocation.Syntax.Parent is ExpressionStatementSyntax { Parent: BlockSyntax or GlobalStatementSyntax }
                   && invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax } };
        }
    }
}
