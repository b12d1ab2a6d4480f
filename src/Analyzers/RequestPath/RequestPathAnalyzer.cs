using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using HerokuAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace HerokuAnalyzers.RequestPath
{
    /// <summary>
    /// HK1001–HK1006: blocking and slow work on the request path. Each method body is walked when it is
    /// analyzed — per open document in the editor, per document in a build — collecting what the rules
    /// would report in it. A finding in a request handler is reported at once; a finding elsewhere is
    /// reported when the <see cref="CallGraph"/>, searched backward from that body, meets a handler, naming
    /// it ("reached from InvoicesController.Get"). Code no handler reaches — background services, jobs,
    /// startup — is never reported. Code reached only through work a handler starts and does not wait for
    /// (<see cref="DetachedWork"/>) is reported without HK1006: it outlives the request's token. Nothing is
    /// reported at compilation end, so editors show every finding on the open file, and the union of the
    /// documents' results is the build's.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class RequestPathAnalyzer : DiagnosticAnalyzer
    {
        public const string InHandlerProperty = "HerokuHandlerStart";

        /// <summary>Diagnostic property: the request's cancellation token as an expression valid at the finding.</summary>
        public const string TokenProperty = "HerokuRequestToken";

        /// <summary>Diagnostic property: the name of the async twin (HK1003).</summary>
        public const string TwinProperty = "HerokuAsyncTwin";

        /// <summary>Diagnostic property: the namespace to import when the twin is an extension method.</summary>
        public const string TwinNamespaceProperty = "HerokuAsyncTwinNamespace";

        public const string FixAwaitResult = "AwaitResult";
        public const string FixAwaitWait = "AwaitWait";
        public const string FixAwaitGetResult = "AwaitGetResult";
        public const string FixAwaitWhenAll = "AwaitWhenAll";
        public const string FixDelay = "Delay";
        public const string FixAsyncTwin = "AsyncTwin";
        public const string FixPassToken = "PassToken";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            Descriptors.HK1001_BlockingTaskWait,
            Descriptors.HK1002_BlockingSleepOrWait,
            Descriptors.HK1003_SynchronousIo,
            Descriptors.HK1004_WaitLongerThanRouter,
            Descriptors.HK1005_WorkForWorkerDyno,
            Descriptors.HK1006_RequestTokenNotPassed);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var reach = RequestReach.For(start.Compilation, start.Options);
                if (reach == null)
                {
                    return;
                }

                var symbols = reach.Symbols;
                var twins = new AsyncTwins(symbols);
                var graph = reach.Graph;
                start.RegisterOperationBlockAction(c =>
                {
                    var initializer = IsInstanceInitializer(c.OwningSymbol);
                    if ((c.OwningSymbol is IMethodSymbol || initializer) && c.OperationBlocks.Length > 0)
                    {
                        var options = reach.OptionsFor(c.OperationBlocks[0].Syntax.SyntaxTree);
                        var bodies = new BodyWalker(symbols, twins, options).Walk(c.OwningSymbol, c.OperationBlocks, c.CancellationToken);
                        foreach (var body in bodies)
                        {
                            if (body.Findings.Count == 0)
                            {
                                continue;
                            }

                            if (initializer && SymbolEqualityComparer.Default.Equals(body.Key, c.OwningSymbol))
                            {
                                ReportInitializer(c, graph, reach.HandlerName, body);
                            }
                            else
                            {
                                Report(c, graph, body);
                            }
                        }
                    }
                });
            });
        }

        private static void Report(OperationBlockAnalysisContext context, CallGraph graph, BodyNode body)
        {
            var reached = body.HandlerName != null ? Reached.AtHandler(body.HandlerName)
                : body.Key is IMethodSymbol method ? graph.Reach(method, context.CancellationToken)
                : null;
            if (reached == null)
            {
                return;
            }

            foreach (var finding in body.Findings)
            {
                if (!(reached.Detached && finding.Descriptor == Descriptors.HK1006_RequestTokenNotPassed))
                {
                    context.ReportDiagnostic(finding.ToDiagnostic(reached.From));
                }
            }
        }

        /// <summary>An instance field or property with an initializer: it runs in the type's constructors.</summary>
        private static bool IsInstanceInitializer(ISymbol symbol)
            => (symbol is IFieldSymbol || symbol is IPropertySymbol) && !symbol.IsStatic && symbol.ContainingType?.TypeKind == TypeKind.Class && !symbol.ContainingType.IsRecord;

        /// <summary>
        /// A finding in an instance field or property initializer is on the request path when a constructor that
        /// runs the initializers is: a controller's or page model's (built for every request), a registered
        /// service's, or one a handler calls. No code fix: an initializer cannot await.
        /// </summary>
        private static void ReportInitializer(OperationBlockAnalysisContext context, CallGraph graph, Func<IMethodSymbol, string?> handlerName, BodyNode body)
        {
            Reached? reached = null;
            foreach (var constructor in context.OwningSymbol.ContainingType.InstanceConstructors)
            {
                if (CallGraph.ChainsToOwnConstructor(constructor, context.CancellationToken))
                {
                    continue;
                }

                var candidate = handlerName(constructor) is string name ? new Reached(name, false) : graph.Reach(constructor, context.CancellationToken);
                if (candidate != null && (reached == null || (reached.Detached && !candidate.Detached)))
                {
                    reached = candidate;
                }
            }

            if (reached == null)
            {
                return;
            }

            foreach (var finding in body.Findings)
            {
                if (!(reached.Detached && finding.Descriptor == Descriptors.HK1006_RequestTokenNotPassed))
                {
                    context.ReportDiagnostic(finding.WithoutFix().ToDiagnostic(reached.From ?? context.OwningSymbol.ContainingType.Name + " constructor"));
                }
            }
        }

        /// <summary>Walks one operation block, splitting off local functions and handler lambdas as their own bodies.</summary>
        private sealed class BodyWalker
        {
            private readonly RequestPathSymbols _symbols;
            private readonly AsyncTwins _twins;
            private readonly RequestPathOptions _options;
            private readonly List<BodyNode> _bodies = new List<BodyNode>();

            public BodyWalker(RequestPathSymbols symbols, AsyncTwins twins, RequestPathOptions options)
            {
                _symbols = symbols;
                _twins = twins;
                _options = options;
            }

            public List<BodyNode> Walk(ISymbol owner, ImmutableArray<IOperation> blocks, System.Threading.CancellationToken cancellationToken)
            {
                var key = owner is IMethodSymbol method ? CallGraph.Normalize(method) : owner;
                var start = owner.Locations.Length > 0 ? owner.Locations[0] : blocks[0].Syntax.GetLocation();
                var ownerScope = Enter(owner, key, start, DeclarationStart(owner, blocks[0]));
                var stack = new Stack<(IOperation Operation, CheckScope Scope)>();
                foreach (var block in blocks)
                {
                    stack.Push((block, ownerScope.Scope));
                }

                while (stack.Count > 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var (operation, scope) = stack.Pop();
                    switch (operation)
                    {
                        case INameOfOperation _:
                            continue;

                        case IAnonymousFunctionOperation lambda when CallGraph.HandlerRegistration(lambda, _symbols) is string registration:
                            var entered = Enter(owner, lambda.Symbol, lambda.Syntax.GetLocation(), lambda.Syntax.SpanStart);
                            entered.Node.HandlerName = registration;
                            scope = entered.Scope;
                            break;

                        case ILocalFunctionOperation local:
                            scope = Enter(owner, local.Symbol, local.Syntax.GetLocation(), local.Syntax.SpanStart).Scope;
                            break;

                        case IInvocationOperation invocation:
                            BlockingCallChecks.CheckInvocation(invocation, scope);
                            LongWaitChecks.CheckInvocation(invocation, scope);
                            RequestTokenChecks.CheckInvocation(invocation, scope);
                            break;

                        case IObjectCreationOperation construction:
                            LongWaitChecks.CheckCreation(construction, scope);
                            break;

                        case IPropertyReferenceOperation property:
                            BlockingCallChecks.CheckResult(property, scope);
                            break;

                        case ISimpleAssignmentOperation assignment:
                            LongWaitChecks.CheckAssignment(assignment, scope);
                            break;
                    }

                    foreach (var child in operation.ChildOperations)
                    {
                        stack.Push((child, scope));
                    }
                }

                return _bodies;
            }

            private (CheckScope Scope, BodyNode Node) Enter(ISymbol owner, ISymbol body, Location location, int functionStart)
            {
                var node = new BodyNode(body, location);
                _bodies.Add(node);
                return (new CheckScope(_symbols, _twins, _options, owner, functionStart, node.Findings), node);
            }

            private static int DeclarationStart(ISymbol owner, IOperation block)
                => owner.DeclaringSyntaxReferences.Length > 0 ? owner.DeclaringSyntaxReferences[0].Span.Start : block.Syntax.SpanStart;
        }
    }
}
