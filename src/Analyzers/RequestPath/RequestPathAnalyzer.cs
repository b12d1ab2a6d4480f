using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using HerokuAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace HerokuAnalyzers.RequestPath
{
    /// <summary>
    /// HK1001–HK1006: blocking and slow work on the request path. Every method body is walked once, which
    /// records its calls in the compilation's <see cref="CallGraph"/> and what the rules would report in it;
    /// at compilation end the graph is walked from the request handlers and only what they reach is reported,
    /// naming the handler ("reached from InvoicesController.Get"). Code no handler reaches — background
    /// services, jobs, startup — is never reported. Code reached only through work a handler starts and does
    /// not wait for (<see cref="DetachedWork"/>) is reported without HK1006: it outlives the request's token.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class RequestPathAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: start of the handler function the finding is in (absent in reached methods).</summary>
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
                var symbols = RequestPathSymbols.TryCreate(start.Compilation);
                if (symbols == null)
                {
                    return;
                }

                var graph = new CallGraph(start.Compilation);
                var twins = new AsyncTwins(symbols);
                var controllers = new ConcurrentBag<INamedTypeSymbol>();
                var optionsByTree = new ConcurrentDictionary<SyntaxTree, RequestPathOptions>();

                start.RegisterSymbolAction(
                    c =>
                    {
                        var type = (INamedTypeSymbol)c.Symbol;
                        if (RequestHandlers.IsController(type, symbols))
                        {
                            controllers.Add(type);
                        }
                    },
                    SymbolKind.NamedType);

                start.RegisterOperationBlockAction(c =>
                {
                    if (c.OwningSymbol is IMethodSymbol && c.OperationBlocks.Length > 0)
                    {
                        var tree = c.OperationBlocks[0].Syntax.SyntaxTree;
                        var options = optionsByTree.GetOrAdd(tree, t => RequestPathOptions.Read(HerokuOptions.For(c.Options, t)));
                        new BodyWalker(graph, symbols, twins, options).Walk(c.OwningSymbol, c.OperationBlocks, c.CancellationToken);
                    }
                });

                start.RegisterCompilationEndAction(c =>
                {
                    var handlers = new RequestHandlers(symbols, controllers, c.Compilation);
                    var reached = graph.Reach(node => node.Key is IMethodSymbol method ? handlers.HandlerName(method) : null);
                    foreach (var pair in reached)
                    {
                        var reachedFrom = pair.Key == pair.Value.Handler && !ServiceRegistrations.IsActivation(pair.Key.HandlerName) ? null : pair.Value.Handler.HandlerName;
                        foreach (var finding in pair.Key.Findings)
                        {
                            if (!(pair.Value.Detached && finding.Descriptor == Descriptors.HK1006_RequestTokenNotPassed))
                            {
                                c.ReportDiagnostic(finding.ToDiagnostic(reachedFrom));
                            }
                        }
                    }
                });
            });
        }

        /// <summary>Walks one operation block, splitting off local functions and handler lambdas as their own bodies.</summary>
        private sealed class BodyWalker
        {
            private readonly CallGraph _graph;
            private readonly RequestPathSymbols _symbols;
            private readonly AsyncTwins _twins;
            private readonly RequestPathOptions _options;

            public BodyWalker(CallGraph graph, RequestPathSymbols symbols, AsyncTwins twins, RequestPathOptions options)
            {
                _graph = graph;
                _symbols = symbols;
                _twins = twins;
                _options = options;
            }

            public void Walk(ISymbol owner, ImmutableArray<IOperation> blocks, System.Threading.CancellationToken cancellationToken)
            {
                var start = owner.Locations.Length > 0 ? owner.Locations[0] : blocks[0].Syntax.GetLocation();
                var ownerScope = Enter(owner, owner, start, DeclarationStart(owner, blocks[0]));
                var stack = new Stack<(IOperation Operation, CheckScope Scope, BodyNode Node)>();
                foreach (var block in blocks)
                {
                    stack.Push((block, ownerScope.Scope, ownerScope.Node));
                }

                while (stack.Count > 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var (operation, scope, node) = stack.Pop();
                    switch (operation)
                    {
                        case INameOfOperation _:
                            continue;

                        case IAnonymousFunctionOperation lambda when HandlerRegistration(lambda) is string registration:
                            var entered = Enter(owner, lambda.Symbol, lambda.Syntax.GetLocation(), lambda.Syntax.SpanStart);
                            entered.Node.HandlerName = registration;
                            (scope, node) = entered;
                            break;

                        case ILocalFunctionOperation local:
                            (scope, node) = Enter(owner, local.Symbol, local.Syntax.GetLocation(), local.Syntax.SpanStart);
                            break;

                        case IInvocationOperation invocation:
                            _graph.AddCall(node, invocation.TargetMethod, DetachedWork.Starts(invocation, _symbols));
                            BlockingCallChecks.CheckInvocation(invocation, scope);
                            LongWaitChecks.CheckInvocation(invocation, scope);
                            RequestTokenChecks.CheckInvocation(invocation, scope);
                            break;

                        case IMethodReferenceOperation reference:
                            _graph.AddCall(node, reference.Method);
                            if (reference.Parent is IDelegateCreationOperation creation && HandlerRegistration(creation) is string name)
                            {
                                _graph.AddBody(reference.Method, reference.Syntax.GetLocation()).HandlerName ??= name;
                            }

                            break;

                        case IObjectCreationOperation construction:
                            if (construction.Constructor != null)
                            {
                                _graph.AddCall(node, construction.Constructor);
                            }

                            LongWaitChecks.CheckCreation(construction, scope);
                            break;

                        case IPropertyReferenceOperation property:
                            if (property.Property.GetMethod is IMethodSymbol getter)
                            {
                                _graph.AddCall(node, getter);
                            }

                            if (property.Property.SetMethod is IMethodSymbol setter)
                            {
                                _graph.AddCall(node, setter);
                            }

                            BlockingCallChecks.CheckResult(property, scope);
                            break;

                        case ISimpleAssignmentOperation assignment:
                            LongWaitChecks.CheckAssignment(assignment, scope);
                            break;
                    }

                    foreach (var child in operation.ChildOperations)
                    {
                        stack.Push((child, scope, node));
                    }
                }
            }

            private (CheckScope Scope, BodyNode Node) Enter(ISymbol owner, ISymbol body, Location location, int functionStart)
            {
                var node = _graph.AddBody(body, location);
                node.Options = _options;
                return (new CheckScope(_symbols, _twins, _options, owner, functionStart, node.Findings), node);
            }

            /// <summary>The registration a delegate is given to; a lambda given to a Delegate parameter is converted twice.</summary>
            private string? HandlerRegistration(IOperation function)
            {
                var parent = function.Parent;
                while (parent is IDelegateCreationOperation || parent is IConversionOperation)
                {
                    parent = parent.Parent;
                }

                return parent is IArgumentOperation argument ? RequestHandlers.RegistrationName(argument, _symbols) : null;
            }

            private static int DeclarationStart(ISymbol owner, IOperation block)
                => owner.DeclaringSyntaxReferences.Length > 0 ? owner.DeclaringSyntaxReferences[0].Span.Start : block.Syntax.SpanStart;
        }
    }
}
