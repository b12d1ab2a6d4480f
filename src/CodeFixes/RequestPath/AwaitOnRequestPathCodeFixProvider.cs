using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HerokuAnalyzers.Infrastructure;
using HerokuAnalyzers.RequestPath;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HerokuAnalyzers.CodeFixes.RequestPath
{
    /// <summary>
    /// HK1001–HK1003: replaces the blocking call with an await (<c>.Result</c>, <c>Wait()</c>, <c>GetResult()</c>,
    /// <c>WaitAll</c> → <c>WhenAll</c>, <c>Thread.Sleep</c> → <c>Task.Delay</c>, sync I/O → its async twin with the
    /// request's token) and makes the enclosing handler async: <c>T</c> → <c>Task&lt;T&gt;</c>, <c>void</c> → <c>Task</c>.
    /// Handlers are never renamed — an action's name is its route and may be used in <c>nameof</c>.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AwaitOnRequestPathCodeFixProvider)), Shared]
    public sealed class AwaitOnRequestPathCodeFixProvider : CodeFixProvider
    {
        private const string Title = "Await instead of blocking";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
            Descriptors.HK1001_BlockingTaskWait.Id,
            Descriptors.HK1002_BlockingSleepOrWait.Id,
            Descriptors.HK1003_SynchronousIo.Id);

        public override FixAllProvider GetFixAllProvider()
            => FixAllProvider.Create(async (context, document, diagnostics) => await FixAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null || model == null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (Plan(root, model, diagnostic, context.CancellationToken) != null)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(Title, ct => FixAsync(context.Document, ImmutableArray.Create(diagnostic), ct), equivalenceKey: Title),
                        diagnostic);
                }
            }
        }

        private static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root == null || model == null)
            {
                return document;
            }

            var plans = new List<FixPlan>();
            foreach (var diagnostic in diagnostics)
            {
                if (Plan(root, model, diagnostic, cancellationToken) is FixPlan plan)
                {
                    plans.Add(plan);
                }
            }

            if (plans.Count == 0)
            {
                return document;
            }

            var functions = plans.Where(p => p.MakeAsync).Select(p => p.Function).Distinct().ToList();
            var tracked = root.TrackNodes(plans.Select(p => p.Target).Concat(functions));
            foreach (var plan in plans)
            {
                var current = tracked.GetCurrentNode(plan.Target);
                if (current != null)
                {
                    tracked = tracked.ReplaceNode(current, plan.Replacement);
                }
            }

            foreach (var function in functions)
            {
                var current = tracked.GetCurrentNode(function);
                if (current != null)
                {
                    tracked = tracked.ReplaceNode(current, MakeAsync(current, new TypeNames(model, function.SpanStart)));
                }
            }

            foreach (var ns in plans.Select(p => p.ImportNamespace).Where(n => n != null).Distinct())
            {
                if (tracked is CompilationUnitSyntax unit && !unit.Usings.Any(u => u.Name?.ToString() == ns))
                {
                    var lineEnd = unit.Usings.Count > 0 ? unit.Usings.Last().GetTrailingTrivia() : SyntaxFactory.TriviaList(SyntaxFactory.LineFeed);
                    tracked = unit.AddUsings(SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(ns!)).WithTrailingTrivia(lineEnd));
                }
            }

            return document.WithSyntaxRoot(tracked);
        }

        private sealed class FixPlan
        {
            public FixPlan(SyntaxNode target, ExpressionSyntax replacement, SyntaxNode function, bool makeAsync, string? importNamespace)
            {
                Target = target;
                Replacement = replacement;
                Function = function;
                MakeAsync = makeAsync;
                ImportNamespace = importNamespace;
            }

            public SyntaxNode Target { get; }

            public ExpressionSyntax Replacement { get; }

            public SyntaxNode Function { get; }

            public bool MakeAsync { get; }

            public string? ImportNamespace { get; }
        }

        private static FixPlan? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (!diagnostic.Properties.TryGetValue(Descriptors.FixKindProperty, out var kind) || kind == null)
            {
                return null;
            }

            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (!(node is ExpressionSyntax expression) || expression.Span != diagnostic.Location.SourceSpan)
            {
                return null;
            }

            var function = expression.Ancestors().FirstOrDefault(a => a is AnonymousFunctionExpressionSyntax || a is LocalFunctionStatementSyntax || a is BaseMethodDeclarationSyntax || a is AccessorDeclarationSyntax);
            if (function == null || expression.Ancestors().TakeWhile(a => a != function).Any(a => a is LockStatementSyntax || a is QueryExpressionSyntax))
            {
                return null;
            }

            var makeAsync = !IsAsync(function);
            if (makeAsync && !CanMakeAsync(function, diagnostic, model, cancellationToken))
            {
                return null;
            }

            diagnostic.Properties.TryGetValue(RequestPathAnalyzer.TokenProperty, out var token);
            var names = new TypeNames(model, expression.SpanStart);
            var awaited = Awaited(expression, kind, token, diagnostic, names);
            if (awaited == null)
            {
                return null;
            }

            diagnostic.Properties.TryGetValue(RequestPathAnalyzer.TwinNamespaceProperty, out var import);
            var replacement = NeedsParentheses(expression) ? (ExpressionSyntax)SyntaxFactory.ParenthesizedExpression(awaited) : awaited;
            return new FixPlan(expression, replacement.WithTriviaFrom(expression), function, makeAsync, kind == RequestPathAnalyzer.FixAsyncTwin ? import : null);
        }

        /// <summary>The task expression to await for each kind of blocking call.</summary>
        private static AwaitExpressionSyntax? Awaited(ExpressionSyntax expression, string kind, string? token, Diagnostic diagnostic, TypeNames names)
        {
            ExpressionSyntax? task = null;
            switch (kind)
            {
                case RequestPathAnalyzer.FixAwaitResult when expression is MemberAccessExpressionSyntax result:
                    task = result.Expression;
                    break;
                case RequestPathAnalyzer.FixAwaitWait when expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax wait }:
                    task = wait.Expression;
                    break;
                case RequestPathAnalyzer.FixAwaitGetResult when expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax getAwaiter } } }:
                    task = getAwaiter.Expression;
                    break;
                case RequestPathAnalyzer.FixAwaitWhenAll when expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax waitAll } invocation:
                    task = invocation.WithExpression(waitAll.WithName(SyntaxFactory.IdentifierName("WhenAll")));
                    break;
                case RequestPathAnalyzer.FixDelay when expression is InvocationExpressionSyntax sleep && sleep.ArgumentList.Arguments.Count == 1:
                    var delay = SyntaxFactory.ParseExpression(names.Get("System.Threading.Tasks", "Task") + ".Delay()");
                    task = ((InvocationExpressionSyntax)delay).WithArgumentList(WithToken(sleep.ArgumentList, token));
                    break;
                case RequestPathAnalyzer.FixAsyncTwin when expression is InvocationExpressionSyntax call
                                                          && diagnostic.Properties.TryGetValue(RequestPathAnalyzer.TwinProperty, out var twin) && twin != null:
                    task = Renamed(call, twin, token);
                    break;
            }

            return task == null ? null : SyntaxFactory.AwaitExpression(task.WithoutTrivia());
        }

        private static ExpressionSyntax? Renamed(InvocationExpressionSyntax call, string twin, string? token)
        {
            SimpleNameSyntax Rename(SimpleNameSyntax name) => name is GenericNameSyntax generic
                ? generic.WithIdentifier(SyntaxFactory.Identifier(twin))
                : SyntaxFactory.IdentifierName(twin).WithTriviaFrom(name);

            ExpressionSyntax? callee = call.Expression switch
            {
                MemberAccessExpressionSyntax member => member.WithName(Rename(member.Name)),
                SimpleNameSyntax name => Rename(name),
                _ => null,
            };
            return callee == null ? null : call.WithExpression(callee).WithArgumentList(WithToken(call.ArgumentList, token));
        }

        private static ArgumentListSyntax WithToken(ArgumentListSyntax arguments, string? token)
        {
            if (token == null)
            {
                return arguments;
            }

            var argument = SyntaxFactory.Argument(SyntaxFactory.ParseExpression(token));
            return arguments.Arguments.Any(a => a.NameColon != null)
                ? arguments.AddArguments(argument.WithNameColon(SyntaxFactory.NameColon("cancellationToken")))
                : arguments.AddArguments(argument);
        }

        private static bool IsAsync(SyntaxNode function) => function switch
        {
            AnonymousFunctionExpressionSyntax lambda => lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword),
            LocalFunctionStatementSyntax local => local.Modifiers.Any(SyntaxKind.AsyncKeyword),
            MethodDeclarationSyntax method => method.Modifiers.Any(SyntaxKind.AsyncKeyword),
            _ => false,
        };

        /// <summary>
        /// Only the handler itself is made async (the analyzer marks it), and only where the change keeps the code
        /// building: a method that returns void or a plain value and implements or overrides nothing; a lambda
        /// given to a Map*/Use/Run Delegate parameter that returns no task yet.
        /// </summary>
        private static bool CanMakeAsync(SyntaxNode function, Diagnostic diagnostic, SemanticModel model, CancellationToken cancellationToken)
        {
            if (!diagnostic.Properties.TryGetValue(RequestPathAnalyzer.InHandlerProperty, out var start)
                || start != function.SpanStart.ToString(System.Globalization.CultureInfo.InvariantCulture)
                || function.DescendantNodes().Any(n => n is YieldStatementSyntax))
            {
                return false;
            }

            switch (function)
            {
                case MethodDeclarationSyntax method:
                    var symbol = model.GetDeclaredSymbol(method, cancellationToken);
                    return symbol != null && !symbol.IsOverride && symbol.ExplicitInterfaceImplementations.IsEmpty
                           && !ImplementsInterface(symbol) && !IsTaskLike(symbol.ReturnType)
                           && symbol.Parameters.All(p => p.RefKind == RefKind.None);

                case AnonymousFunctionExpressionSyntax lambda:
                    // Given to a Delegate parameter (MapGet …), the async lambda's natural type becomes Func<…, Task<T>>.
                    return lambda.Parent is ArgumentSyntax argument
                           && model.GetOperation(argument, cancellationToken) is Microsoft.CodeAnalysis.Operations.IArgumentOperation { Parameter: { Type: { SpecialType: SpecialType.System_Delegate } } }
                           && model.GetSymbolInfo(lambda, cancellationToken).Symbol is IMethodSymbol lambdaSymbol
                           && !IsTaskLike(lambdaSymbol.ReturnType);

                default:
                    return false;
            }
        }

        private static bool ImplementsInterface(IMethodSymbol method)
        {
            foreach (var @interface in method.ContainingType.AllInterfaces)
            {
                foreach (var member in @interface.GetMembers(method.Name))
                {
                    if (SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(member), method))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool IsTaskLike(ITypeSymbol type)
            => (type.Name == "Task" || type.Name == "ValueTask") && type.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks";

        private static SyntaxNode MakeAsync(SyntaxNode function, TypeNames names)
        {
            var asyncKeyword = SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space);
            switch (function)
            {
                case MethodDeclarationSyntax method:
                    var task = names.Get("System.Threading.Tasks", "Task");
                    var returnType = method.ReturnType is PredefinedTypeSyntax { Keyword: { RawKind: (int)SyntaxKind.VoidKeyword } }
                        ? SyntaxFactory.ParseTypeName(task)
                        : SyntaxFactory.ParseTypeName(task + "<" + method.ReturnType.WithoutTrivia().ToString() + ">");
                    var modifiers = method.Modifiers;
                    var index = modifiers.Count;
                    for (var i = 0; i < modifiers.Count; i++)
                    {
                        if (modifiers[i].IsKind(SyntaxKind.PartialKeyword))
                        {
                            index = i;
                            break;
                        }
                    }

                    if (modifiers.Count == 0)
                    {
                        return method.WithModifiers(SyntaxFactory.TokenList(asyncKeyword.WithLeadingTrivia(method.ReturnType.GetLeadingTrivia())))
                            .WithReturnType(returnType.WithTrailingTrivia(method.ReturnType.GetTrailingTrivia()));
                    }

                    return method.WithModifiers(modifiers.Insert(index, asyncKeyword))
                        .WithReturnType(returnType.WithTriviaFrom(method.ReturnType));

                case AnonymousFunctionExpressionSyntax lambda:
                    return lambda.WithAsyncKeyword(asyncKeyword.WithLeadingTrivia(lambda.GetLeadingTrivia())).WithLeadingTrivia();

                default:
                    return function;
            }
        }

        /// <summary>await binds looser than member access, indexing and invocation: <c>(await t).Length</c>.</summary>
        private static bool NeedsParentheses(ExpressionSyntax expression)
            => expression.Parent is MemberAccessExpressionSyntax
               || expression.Parent is ElementAccessExpressionSyntax
               || expression.Parent is ConditionalAccessExpressionSyntax
               || expression.Parent is InvocationExpressionSyntax
               || expression.Parent is PostfixUnaryExpressionSyntax;
    }
}
