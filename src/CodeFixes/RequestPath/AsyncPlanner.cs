using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HerokuAnalyzers.Infrastructure;
using HerokuAnalyzers.RequestPath;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Operations;

namespace HerokuAnalyzers.CodeFixes.RequestPath
{
    /// <summary>
    /// Plans the fix of one HK1001–HK1003 diagnostic on one solution, or declines. In a handler: await and make the
    /// handler async, unless code other than <c>nameof</c> refers to it. In a method a handler reaches: await, make
    /// the method async and await it at every caller, making callers async in turn, up to the handlers — only when
    /// every one of those changes compiles; one caller that cannot change and nothing is offered.
    /// Methods keep their names (an action's name is its route); a Razor Page handler gains <c>Async</c> where
    /// that creates no second handler of the same name.
    /// </summary>
    internal sealed class AsyncPlanner
    {
        /// <summary>Bounds the search for callers: a chain this long is a refactoring to do by hand.</summary>
        private const int MaxMethods = 64;

        private readonly Solution _solution;
        private readonly Dictionary<DocumentId, AnalyzedDocument?> _documents = new Dictionary<DocumentId, AnalyzedDocument?>();

        public AsyncPlanner(Solution solution) => _solution = solution;

        /// <summary>The name of the reached method a plan changes along with its callers, for the action's title.</summary>
        public string? ChainStart { get; private set; }

        public async Task<AsyncEdits?> PlanAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            ChainStart = null;
            if (!diagnostic.Properties.TryGetValue(Descriptors.FixKindProperty, out var kind) || kind == null
                || !(await LoadAsync(document.Id, cancellationToken).ConfigureAwait(false) is AnalyzedDocument analyzed))
            {
                return null;
            }

            var node = analyzed.Root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (!(node is ExpressionSyntax expression) || expression.Span != diagnostic.Location.SourceSpan)
            {
                return null;
            }

            var function = EnclosingFunction(expression);
            if (function == null || !CanAwaitIn(expression, function))
            {
                return null;
            }

            diagnostic.Properties.TryGetValue(RequestPathAnalyzer.TokenProperty, out var token);
            var names = new TypeNames(analyzed.Model, expression.SpanStart);
            if (BlockingCallRewriter.Awaited(expression, kind, token, diagnostic, names) == null)
            {
                return null;
            }

            var edits = new AsyncEdits();
            var parenthesize = BlockingCallRewriter.NeedsParentheses(expression);
            edits.Replace(analyzed, expression, current => BlockingCallRewriter.Awaited((ExpressionSyntax)current, kind, token, diagnostic, names) is ExpressionSyntax awaited
                ? BlockingCallRewriter.Parenthesized(awaited, parenthesize).WithTriviaFrom(current)
                : current);
            if (kind == RequestPathAnalyzer.FixAsyncTwin && diagnostic.Properties.TryGetValue(RequestPathAnalyzer.TwinNamespaceProperty, out var import) && import != null)
            {
                edits.Import(analyzed, import);
            }

            if (IsAsync(function))
            {
                return edits;
            }

            var inHandler = diagnostic.Properties.TryGetValue(RequestPathAnalyzer.InHandlerProperty, out var start)
                            && start == function.SpanStart.ToString(System.Globalization.CultureInfo.InvariantCulture);
            switch (function)
            {
                case AnonymousFunctionExpressionSyntax lambda when inHandler:
                    if (!CanMakeLambdaAsync(lambda, analyzed.Model, cancellationToken))
                    {
                        return null;
                    }

                    edits.MakeAsync(analyzed, lambda, null);
                    return edits;

                case MethodDeclarationSyntax method when analyzed.Model.GetDeclaredSymbol(method, cancellationToken) is IMethodSymbol symbol:
                    if (!inHandler)
                    {
                        ChainStart = symbol.Name;
                    }

                    return await MakeMethodsAsync(analyzed, method, symbol, allowCallers: !inHandler, edits, cancellationToken).ConfigureAwait(false) ? edits : null;

                default:
                    return null;
            }
        }

        /// <summary>Makes the method async, then every caller found in the solution, breadth first.</summary>
        private async Task<bool> MakeMethodsAsync(AnalyzedDocument document, MethodDeclarationSyntax declaration, IMethodSymbol method, bool allowCallers, AsyncEdits edits, CancellationToken cancellationToken)
        {
            var queued = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default) { method };
            var queue = new Queue<(AnalyzedDocument Document, MethodDeclarationSyntax Declaration, IMethodSymbol Method)>();
            queue.Enqueue((document, declaration, method));
            while (queue.Count > 0)
            {
                var (where, current, symbol) = queue.Dequeue();
                if (queued.Count > MaxMethods || !CanMakeAsync(current, symbol, where.Model, cancellationToken))
                {
                    return false;
                }

                var (calls, inNameOf) = await CallsAsync(symbol, cancellationToken).ConfigureAwait(false);
                if (calls == null || (!allowCallers && calls.Count > 0))
                {
                    return false;
                }

                edits.MakeAsync(where, current, calls.Count == 0 && !inNameOf ? RazorHandlerAsyncName(symbol) : null);
                foreach (var (callDocument, invocation) in calls)
                {
                    var caller = EnclosingFunction(invocation);
                    if (caller == null || !CanAwaitIn(invocation, caller))
                    {
                        return false;
                    }

                    var parenthesize = BlockingCallRewriter.NeedsParentheses(invocation);
                    edits.Replace(callDocument, invocation, call => BlockingCallRewriter.Parenthesized(SyntaxFactory.AwaitExpression(((ExpressionSyntax)call).WithoutTrivia()), parenthesize).WithTriviaFrom(call));
                    if (caller is CompilationUnitSyntax || IsAsync(caller))
                    {
                        continue;
                    }

                    switch (caller)
                    {
                        case AnonymousFunctionExpressionSyntax lambda when CanMakeLambdaAsync(lambda, callDocument.Model, cancellationToken):
                            edits.MakeAsync(callDocument, lambda, null);
                            break;

                        case MethodDeclarationSyntax callerDeclaration when callDocument.Model.GetDeclaredSymbol(callerDeclaration, cancellationToken) is IMethodSymbol callerSymbol:
                            if (queued.Add(callerSymbol))
                            {
                                queue.Enqueue((callDocument, callerDeclaration, callerSymbol));
                            }

                            break;

                        default:
                            return false;
                    }
                }
            }

            return true;
        }

        /// <summary>
        /// Every invocation of the method in the solution and whether <c>nameof</c> names it; no calls (null) when some reference is not a plain call the fix
        /// can await: a method group, <c>?.</c>, generated code, a reference outside this solution's sources.
        /// <c>nameof</c> references are fine: the name does not change.
        /// </summary>
        private async Task<(List<(AnalyzedDocument Document, InvocationExpressionSyntax Invocation)>? Calls, bool InNameOf)> CallsAsync(IMethodSymbol method, CancellationToken cancellationToken)
        {
            var calls = new List<(AnalyzedDocument, InvocationExpressionSyntax)>();
            var inNameOf = false;
            var references = await SymbolFinder.FindReferencesAsync(method, _solution, cancellationToken).ConfigureAwait(false);
            foreach (var location in references.SelectMany(r => r.Locations))
            {
                if (location.IsImplicit || !location.Location.IsInSource
                    || !(await LoadAsync(location.Document.Id, cancellationToken).ConfigureAwait(false) is AnalyzedDocument document))
                {
                    return (null, inNameOf);
                }

                var name = document.Root.FindNode(location.Location.SourceSpan, getInnermostNodeForTie: true) as SimpleNameSyntax;
                if (name == null)
                {
                    return (null, inNameOf);
                }

                if (IsInNameOf(name, document.Model, cancellationToken))
                {
                    inNameOf = true;
                    continue;
                }

                var callee = name.Parent is MemberAccessExpressionSyntax member && member.Name == name ? (ExpressionSyntax)member : name;
                if (!(callee.Parent is InvocationExpressionSyntax invocation) || invocation.Expression != callee)
                {
                    return (null, inNameOf);
                }

                calls.Add((document, invocation));
            }

            return (calls, inNameOf);
        }

        private static bool IsInNameOf(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
            => node.Ancestors().OfType<InvocationExpressionSyntax>().Any(i => model.GetOperation(i, cancellationToken) is INameOfOperation);

        /// <summary>
        /// A method whose return type can become a task without breaking code the fix does not see: no override,
        /// virtual or interface member (its other implementations would keep the old signature), no partial or
        /// iterator method, nothing an async method may not have (ref, out, in, ref struct parameters or locals, unsafe).
        /// </summary>
        private static bool CanMakeAsync(MethodDeclarationSyntax declaration, IMethodSymbol method, SemanticModel model, CancellationToken cancellationToken)
        {
            if (method.MethodKind != MethodKind.Ordinary || method.IsOverride || method.IsVirtual || method.IsAbstract || method.IsExtern
                || method.IsPartialDefinition || method.PartialDefinitionPart != null || !method.ExplicitInterfaceImplementations.IsEmpty
                || method.ReturnsByRef || method.ReturnsByRefReadonly || IsTaskLike(method.ReturnType) || ImplementsInterface(method)
                || method.DeclaringSyntaxReferences.Length != 1 || method.ContainingType.IsRefLikeType
                || (declaration.Body == null && declaration.ExpressionBody == null)
                || declaration.Modifiers.Any(SyntaxKind.UnsafeKeyword)
                || method.Parameters.Any(p => p.RefKind != RefKind.None || p.Type.IsRefLikeType))
            {
                return false;
            }

            foreach (var node in declaration.DescendantNodes())
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (node)
                {
                    case YieldStatementSyntax _:
                    case UnsafeStatementSyntax _:
                        return false;
                    case VariableDeclarationSyntax variable when model.GetTypeInfo(variable.Type, cancellationToken).Type is { IsRefLikeType: true }:
                        return false;
                }
            }

            return true;
        }

        /// <summary>A lambda given to a Delegate parameter (MapGet …): as async, its natural type becomes Func&lt;…, Task&lt;T&gt;&gt;.</summary>
        private static bool CanMakeLambdaAsync(AnonymousFunctionExpressionSyntax lambda, SemanticModel model, CancellationToken cancellationToken)
            => lambda.Parent is ArgumentSyntax argument
               && model.GetOperation(argument, cancellationToken) is IArgumentOperation { Parameter: { Type: { SpecialType: SpecialType.System_Delegate } } }
               && model.GetSymbolInfo(lambda, cancellationToken).Symbol is IMethodSymbol symbol
               && !IsTaskLike(symbol.ReturnType)
               && !lambda.DescendantNodes().Any(n => n is YieldStatementSyntax);

        /// <summary>
        /// Razor Pages accept <c>OnGet</c> returning a task, but the convention is <c>OnGetAsync</c>; the rename is
        /// only made where the page model (with its bases) has no member of that name, which would make two handlers
        /// for one verb and name (an ambiguous match at run time) or not compile.
        /// </summary>
        private string? RazorHandlerAsyncName(IMethodSymbol method)
        {
            // A view component's Invoke may not return a task: async, it must be InvokeAsync.
            if (method.Name == "Invoke" && IsViewComponent(method.ContainingType))
            {
                return method.ContainingType.GetMembers("InvokeAsync").IsEmpty ? "InvokeAsync" : null;
            }

            if (method.Name.Length <= 2 || !method.Name.StartsWith("On", StringComparison.Ordinal) || method.Name.EndsWith("Async", StringComparison.Ordinal)
                || method.DeclaredAccessibility != Accessibility.Public || method.IsStatic || method.IsGenericMethod
                || method.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "Microsoft.AspNetCore.Mvc.RazorPages.NonHandlerAttribute"))
            {
                return null;
            }

            var isPage = false;
            var asyncName = method.Name + "Async";
            for (var type = method.ContainingType; type != null; type = type.BaseType)
            {
                if (!type.GetMembers(asyncName).IsEmpty)
                {
                    return null;
                }

                isPage |= type.ToDisplayString() == "Microsoft.AspNetCore.Mvc.RazorPages.PageModel";
            }

            return isPage ? asyncName : null;
        }

        private static bool IsViewComponent(INamedTypeSymbol type)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                if (current.ToDisplayString() == "Microsoft.AspNetCore.Mvc.ViewComponent"
                    || current.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "Microsoft.AspNetCore.Mvc.ViewComponentAttribute"))
                {
                    return true;
                }
            }

            return type.Name.EndsWith("ViewComponent", StringComparison.Ordinal);
        }

        private static SyntaxNode? EnclosingFunction(SyntaxNode node)
        {
            foreach (var ancestor in node.Ancestors())
            {
                switch (ancestor)
                {
                    case AnonymousFunctionExpressionSyntax _:
                    case LocalFunctionStatementSyntax _:
                    case BaseMethodDeclarationSyntax _:
                    case AccessorDeclarationSyntax _:
                    case ArrowExpressionClauseSyntax { Parent: PropertyDeclarationSyntax _ }:
                    case ArrowExpressionClauseSyntax { Parent: IndexerDeclarationSyntax _ }:
                    case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: FieldDeclarationSyntax _ } } }:
                    case EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax _ }:
                    case AttributeSyntax _:
                        return ancestor;
                    case GlobalStatementSyntax _:
                        return ancestor.Parent;
                }
            }

            return null;
        }

        /// <summary>Where C# allows no await: lock bodies, query clauses, catch filters, unsafe and fixed blocks.</summary>
        private static bool CanAwaitIn(SyntaxNode node, SyntaxNode function)
            => !node.Ancestors().TakeWhile(a => a != function).Any(a =>
                a is LockStatementSyntax || a is QueryExpressionSyntax || a is CatchFilterClauseSyntax
                || a is UnsafeStatementSyntax || a is FixedStatementSyntax);

        private static bool IsAsync(SyntaxNode function) => function switch
        {
            AnonymousFunctionExpressionSyntax lambda => lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword),
            LocalFunctionStatementSyntax local => local.Modifiers.Any(SyntaxKind.AsyncKeyword),
            MethodDeclarationSyntax method => method.Modifiers.Any(SyntaxKind.AsyncKeyword),
            _ => false,
        };

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

        private async Task<AnalyzedDocument?> LoadAsync(DocumentId id, CancellationToken cancellationToken)
        {
            if (!_documents.TryGetValue(id, out var analyzed))
            {
                var document = _solution.GetDocument(id);
                analyzed = document == null ? null : await AnalyzedDocument.LoadAsync(document, cancellationToken).ConfigureAwait(false);
                _documents.Add(id, analyzed);
            }

            return analyzed;
        }
    }
}
