using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace HerokuAnalyzers.RequestPath
{
    /// <summary>
    /// One function body: a method, a local function, or a lambda given to Map*/Use/Run.
    /// Ordinary lambdas belong to the body they are written in.
    /// </summary>
    internal sealed class BodyNode
    {
        public BodyNode(ISymbol key, Location location)
        {
            Key = key;
            Location = location;
        }

        public ISymbol Key { get; }

        public Location Location { get; }

        /// <summary>Set when this body is a handler lambda; the name messages use for it.</summary>
        public string? HandlerName { get; set; }

        public List<Finding> Findings { get; } = new List<Finding>();
    }

    /// <summary>Whether a body runs for a request, and from which handler.</summary>
    internal sealed class Reached
    {
        public static readonly Reached Handler = new Reached(null, false);

        public Reached(string? from, bool detached)
        {
            From = from;
            Detached = detached;
        }

        /// <summary>The nearest handler that calls into the body; null when the body is a handler itself.</summary>
        public string? From { get; }

        /// <summary>Reached only through work a handler starts and does not wait for (<see cref="DetachedWork"/>).</summary>
        public bool Detached { get; }
    }

    /// <summary>
    /// The compilation's call graph, explored backward and on demand: for a body that holds a finding,
    /// its callers are found by name in every tree (<see cref="CallSites"/>, kept per tree across
    /// compilations), bound, and followed breadth first until a request handler is met. Only the bodies
    /// that hold findings start a search, so a document with none costs nothing here, and a document's
    /// answer needs no other document analyzed — which is what lets the editor show HK1xxx on an open file
    /// and makes the editor's answer the build's. Calls through interfaces and virtual methods reach every
    /// implementation in the compilation (class-hierarchy analysis), which is how DI services behind
    /// interfaces are followed. Call sites of one name in one tree, callers of one body and each answer
    /// are computed once per compilation.
    /// </summary>
    internal sealed class CallGraph
    {
        /// <summary>Bodies one search may visit; beyond it the body counts as not reached (hostile input).</summary>
        internal const int MaxBodies = 20000;

        private readonly Compilation _compilation;
        private readonly RequestPathSymbols _symbols;
        private readonly Func<SyntaxTree, RequestPathOptions> _options;
        private readonly Func<IMethodSymbol, string?> _handlerName;
        private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new ConcurrentDictionary<SyntaxTree, SemanticModel>();
        private readonly ConcurrentDictionary<(SyntaxTree Tree, string Key), Lazy<List<Site>>> _sites = new ConcurrentDictionary<(SyntaxTree, string), Lazy<List<Site>>>();
        private readonly ConcurrentDictionary<ISymbol, List<Site>> _callers = new ConcurrentDictionary<ISymbol, List<Site>>(BodyComparer.Instance);
        private readonly ConcurrentDictionary<ISymbol, Reached?> _answers = new ConcurrentDictionary<ISymbol, Reached?>(BodyComparer.Instance);

        public CallGraph(Compilation compilation, RequestPathSymbols symbols, Func<SyntaxTree, RequestPathOptions> options, Func<IMethodSymbol, string?> handlerName)
        {
            _compilation = compilation;
            _symbols = symbols;
            _options = options;
            _handlerName = handlerName;
        }

        /// <summary>
        /// Whether <paramref name="method"/> runs for a request: it is a handler itself, or the nearest
        /// handler calling into it (fewest calls; among equals, the first in source order). Calls that a
        /// caller waits for are searched first, so a body also reached by a waited-for call is attached.
        /// </summary>
        public Reached? Reach(IMethodSymbol method, CancellationToken cancellationToken)
        {
            method = Normalize(method);
            if (_answers.TryGetValue(method, out var known))
            {
                return known;
            }

            var start = new Body(method, method.Locations.Length > 0 ? method.Locations[0] : Location.None, null);
            var answer = Search(start, attachedOnly: true, cancellationToken) ?? Search(start, attachedOnly: false, cancellationToken);
            return _answers.GetOrAdd(method, answer);
        }

        /// <summary>The registration a delegate is given to (MapGet "/x", Use …); a lambda given to a Delegate parameter is converted twice.</summary>
        public static string? HandlerRegistration(IOperation function, RequestPathSymbols symbols)
        {
            var parent = function.Parent;
            while (parent is IDelegateCreationOperation || parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            return parent is IArgumentOperation argument ? RequestHandlers.RegistrationName(argument, symbols) : null;
        }

        public static IMethodSymbol Normalize(IMethodSymbol method)
        {
            method = method.ReducedFrom ?? method;
            method = method.PartialImplementationPart ?? method;
            return method.OriginalDefinition;
        }

        private Reached? Search(Body start, bool attachedOnly, CancellationToken cancellationToken)
        {
            var seen = new HashSet<ISymbol>(BodyComparer.Instance) { start.Symbol };
            var level = new List<Body> { start };
            while (level.Count > 0)
            {
                Body? nearest = null;
                string? nearestName = null;
                foreach (var body in level)
                {
                    if (HandlerName(body, cancellationToken) is string name && (nearest == null || Compare(body.Location, nearest.Location) < 0))
                    {
                        nearest = body;
                        nearestName = name;
                    }
                }

                if (nearest != null)
                {
                    return nearest == start ? Reached.Handler : new Reached(nearestName, !attachedOnly);
                }

                var next = new List<Body>();
                foreach (var body in level)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (!(body.Symbol is IMethodSymbol method))
                    {
                        continue;
                    }

                    foreach (var site in Callers(method, cancellationToken))
                    {
                        if (site.Caller == null || (attachedOnly && site.Detached) || !_options(site.Tree).FollowCalls)
                        {
                            continue;
                        }

                        if (seen.Add(site.Caller.Symbol))
                        {
                            if (seen.Count > MaxBodies)
                            {
                                return null;
                            }

                            next.Add(site.Caller);
                        }
                    }
                }

                level = next;
            }

            return null;
        }

        private string? HandlerName(Body body, CancellationToken cancellationToken)
        {
            if (body.HandlerName != null)
            {
                return body.HandlerName;
            }

            if (!(body.Symbol is IMethodSymbol method))
            {
                return null;
            }

            if (_handlerName(method) is string name)
            {
                return name;
            }

            // A method group given to MapGet/Use … is a handler, like a lambda.
            foreach (var site in Callers(method, cancellationToken))
            {
                if (site.Registration != null)
                {
                    return site.Registration;
                }
            }

            return null;
        }

        /// <summary>Every call site in the compilation that may run <paramref name="method"/>, in source order per target.</summary>
        private List<Site> Callers(IMethodSymbol method, CancellationToken cancellationToken)
        {
            if (_callers.TryGetValue(method, out var known))
            {
                return known;
            }

            var callers = new List<Site>();
            foreach (var target in Targets(method))
            {
                var trees = TreesFor(target);
                foreach (var key in Keys(target))
                {
                    foreach (var tree in trees)
                    {
                        foreach (var site in Sites(tree, key, cancellationToken))
                        {
                            if (BodyComparer.Instance.Equals(site.Target, target))
                            {
                                callers.Add(site);
                            }
                        }
                    }
                }
            }

            return _callers.GetOrAdd(method, callers);
        }

        /// <summary>The method and what a call may name to run it: what it overrides, the interface members it implements.</summary>
        private List<IMethodSymbol> Targets(IMethodSymbol method)
        {
            var targets = new List<IMethodSymbol> { method };
            if (method.IsStatic || method.MethodKind == MethodKind.Constructor || method.ContainingType == null)
            {
                return targets;
            }

            for (var overridden = method.OverriddenMethod; overridden != null; overridden = overridden.OverriddenMethod)
            {
                var normalized = Normalize(overridden);
                if (InCompilation(normalized) || IsDispatched(normalized))
                {
                    targets.Add(normalized);
                }
            }

            var type = method.ContainingType;
            foreach (var @interface in type.AllInterfaces)
            {
                foreach (var member in @interface.GetMembers())
                {
                    if (member is IMethodSymbol { IsStatic: false } interfaceMethod
                        && type.FindImplementationForInterfaceMember(member) is IMethodSymbol implementation
                        && SymbolEqualityComparer.Default.Equals(Normalize(implementation), method))
                    {
                        targets.Add(Normalize(interfaceMethod));
                    }
                }
            }

            return targets;
        }

        /// <summary>The <see cref="CallSites"/> keys under which a call of <paramref name="target"/> is indexed.</summary>
        private static IEnumerable<string> Keys(IMethodSymbol target)
        {
            switch (target.MethodKind)
            {
                case MethodKind.Constructor:
                    yield return target.ContainingType.Name;
                    yield return CallSites.ImplicitNew;
                    yield return CallSites.ConstructorInitializer;
                    break;
                case MethodKind.PropertyGet:
                case MethodKind.PropertySet:
                    if (target.AssociatedSymbol is IPropertySymbol property)
                    {
                        yield return property.IsIndexer ? CallSites.Indexer : property.Name;
                    }

                    break;
                case MethodKind.Ordinary:
                case MethodKind.LocalFunction:
                    yield return target.Name;
                    if (target.Name == "Add")
                    {
                        yield return CallSites.CollectionInitializer;
                    }

                    break;
            }
        }

        /// <summary>Local functions and private members are called only from their own declarations' trees.</summary>
        private IEnumerable<SyntaxTree> TreesFor(IMethodSymbol target)
        {
            ISymbol? scope = target.MethodKind == MethodKind.LocalFunction ? target
                : target.DeclaredAccessibility == Accessibility.Private ? target.ContainingType
                : null;
            if (scope == null || scope.DeclaringSyntaxReferences.Length == 0)
            {
                return _compilation.SyntaxTrees;
            }

            var trees = new List<SyntaxTree>();
            foreach (var reference in scope.DeclaringSyntaxReferences)
            {
                if (!trees.Contains(reference.SyntaxTree))
                {
                    trees.Add(reference.SyntaxTree);
                }
            }

            return trees;
        }

        private List<Site> Sites(SyntaxTree tree, string key, CancellationToken cancellationToken)
            => _sites.GetOrAdd((tree, key), k => new Lazy<List<Site>>(() => Resolve(k.Tree, k.Key, cancellationToken), LazyThreadSafetyMode.PublicationOnly)).Value;

        /// <summary>Binds the indexed nodes of one key in one tree: what each calls, from which body.</summary>
        private List<Site> Resolve(SyntaxTree tree, string key, CancellationToken cancellationToken)
        {
            var sites = new List<Site>();
            var spans = CallSites.For(tree, cancellationToken).Find(key);
            if (spans.Count == 0)
            {
                return sites;
            }

            var root = tree.GetRoot(cancellationToken);
            var model = _models.GetOrAdd(tree, t => _compilation.GetSemanticModel(t));
            foreach (var span in spans)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var operation = OperationAt(root, span, model, cancellationToken);
                if (operation == null || InNameOf(operation))
                {
                    continue;
                }

                Body? caller = null;
                var callerKnown = false;
                foreach (var (target, detached, registration) in Calls(operation))
                {
                    if (!callerKnown)
                    {
                        caller = CallerOf(operation.Syntax, model, cancellationToken);
                        callerKnown = true;
                    }

                    sites.Add(new Site(tree, Normalize(target), caller, detached, registration));
                }
            }

            return sites;
        }

        /// <summary>The operation a call site's node stands for, or null when a name is no call (a local, a type, a field).</summary>
        private static IOperation? OperationAt(SyntaxNode root, TextSpan span, SemanticModel model, CancellationToken cancellationToken)
        {
            SyntaxNode? node = root.FindToken(span.Start).Parent;
            while (node != null && !(node.Span == span && IsIndexed(node)))
            {
                node = node.Span.End > span.End ? null : node.Parent;
            }

            if (node is SimpleNameSyntax name)
            {
                var symbol = model.GetSymbolInfo(name, cancellationToken).Symbol;
                SyntaxNode expression = name;
                if (symbol is INamedTypeSymbol)
                {
                    while (expression.Parent is QualifiedNameSyntax qualified && qualified.Right == expression)
                    {
                        expression = qualified;
                    }

                    return expression.Parent is ObjectCreationExpressionSyntax creation && creation.Type == expression
                        ? model.GetOperation(creation, cancellationToken)
                        : null;
                }

                if (!(symbol is IMethodSymbol || symbol is IPropertySymbol))
                {
                    var candidates = model.GetSymbolInfo(name, cancellationToken).CandidateSymbols;
                    if (candidates.IsDefaultOrEmpty || !(candidates[0] is IMethodSymbol))
                    {
                        return null;
                    }
                }

                if ((expression.Parent is MemberAccessExpressionSyntax access && access.Name == expression) || expression.Parent is MemberBindingExpressionSyntax)
                {
                    expression = expression.Parent;
                }

                if (expression.Parent is InvocationExpressionSyntax invocation && invocation.Expression == expression)
                {
                    expression = invocation;
                }

                return model.GetOperation(expression, cancellationToken);
            }

            return node == null ? null : model.GetOperation(node, cancellationToken);
        }

        private static bool IsIndexed(SyntaxNode node)
            => node is SimpleNameSyntax || node is ElementAccessExpressionSyntax || node is ElementBindingExpressionSyntax
               || node is ImplicitObjectCreationExpressionSyntax || node is ConstructorInitializerSyntax
               || node is PrimaryConstructorBaseTypeSyntax || node is InitializerExpressionSyntax;

        /// <summary>The methods one operation runs, the same edges the body walk follows.</summary>
        private IEnumerable<(IMethodSymbol Target, bool Detached, string? Registration)> Calls(IOperation operation)
        {
            while (operation is IConversionOperation || operation is IDelegateCreationOperation || operation is IExpressionStatementOperation)
            {
                operation = operation switch
                {
                    IConversionOperation conversion => conversion.Operand,
                    IDelegateCreationOperation creation => creation.Target,
                    _ => ((IExpressionStatementOperation)operation).Operation,
                };
            }

            switch (operation)
            {
                case IInvocationOperation invocation:
                    yield return (invocation.TargetMethod, DetachedWork.Starts(invocation, _symbols), null);
                    break;
                case IMethodReferenceOperation reference:
                    var registration = reference.Parent is IDelegateCreationOperation creation ? HandlerRegistration(creation, _symbols) : null;
                    yield return (reference.Method, false, registration);
                    break;
                case IPropertyReferenceOperation property:
                    if (property.Property.GetMethod is IMethodSymbol getter)
                    {
                        yield return (getter, false, null);
                    }

                    if (property.Property.SetMethod is IMethodSymbol setter)
                    {
                        yield return (setter, false, null);
                    }

                    break;
                case IObjectCreationOperation construction when construction.Constructor != null:
                    yield return (construction.Constructor, false, null);
                    break;
                case IObjectOrCollectionInitializerOperation initializer:
                    foreach (var element in initializer.Initializers)
                    {
                        if (element is IInvocationOperation add)
                        {
                            yield return (add.TargetMethod, DetachedWork.Starts(add, _symbols), null);
                        }
                    }

                    break;
            }
        }

        /// <summary>The body a call is written in, as the body walk splits them; null outside any (field initializers, attributes).</summary>
        private Body? CallerOf(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
        {
            for (var current = node; current != null; current = current.Parent)
            {
                switch (current)
                {
                    case LocalFunctionStatementSyntax local:
                        return BodyOf(model.GetDeclaredSymbol(local, cancellationToken));
                    case AnonymousFunctionExpressionSyntax lambda:
                        if (model.GetOperation(lambda, cancellationToken) is IAnonymousFunctionOperation function
                            && HandlerRegistration(function, _symbols) is string registration)
                        {
                            return new Body(function.Symbol, lambda.GetLocation(), registration);
                        }

                        break;
                    case BaseMethodDeclarationSyntax method:
                        return BodyOf(model.GetDeclaredSymbol(method, cancellationToken));
                    case AccessorDeclarationSyntax accessor:
                        return BodyOf(model.GetDeclaredSymbol(accessor, cancellationToken));
                    case ArrowExpressionClauseSyntax arrow when arrow.Parent is BasePropertyDeclarationSyntax property:
                        return BodyOf((model.GetDeclaredSymbol(property, cancellationToken) as IPropertySymbol)?.GetMethod);
                    case GlobalStatementSyntax statement:
                        return BodyOf(model.GetEnclosingSymbol(statement.SpanStart, cancellationToken));
                    case PrimaryConstructorBaseTypeSyntax _:
                        return current.Parent?.Parent is TypeDeclarationSyntax type && model.GetDeclaredSymbol(type, cancellationToken) is INamedTypeSymbol declared
                            ? BodyOf(PrimaryConstructor(declared, type))
                            : null;
                    case MemberDeclarationSyntax _:
                        return null;
                }
            }

            return null;
        }

        private static IMethodSymbol? PrimaryConstructor(INamedTypeSymbol type, TypeDeclarationSyntax declaration)
        {
            foreach (var constructor in type.InstanceConstructors)
            {
                foreach (var reference in constructor.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax() == declaration)
                    {
                        return constructor;
                    }
                }
            }

            return null;
        }

        private static Body? BodyOf(ISymbol? symbol)
            => symbol is IMethodSymbol method
                ? new Body(Normalize(method), method.Locations.Length > 0 ? method.Locations[0] : Location.None, null)
                : null;

        private static bool InNameOf(IOperation operation)
        {
            for (var parent = operation; parent != null; parent = parent.Parent)
            {
                if (parent is INameOfOperation)
                {
                    return true;
                }
            }

            return false;
        }

        private bool InCompilation(IMethodSymbol method) => SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, _compilation.Assembly);

        /// <summary>Interface members and overridable methods, except object's (ToString everywhere would reach every override).</summary>
        private static bool IsDispatched(IMethodSymbol method)
        {
            if (method.ContainingType?.TypeKind == TypeKind.Interface)
            {
                return true;
            }

            var root = method;
            while (root.OverriddenMethod != null)
            {
                root = root.OverriddenMethod;
            }

            return root.ContainingType?.SpecialType != SpecialType.System_Object;
        }

        private static int Compare(Location x, Location y)
        {
            var byPath = string.CompareOrdinal(x.SourceTree?.FilePath, y.SourceTree?.FilePath);
            return byPath != 0 ? byPath : x.SourceSpan.Start.CompareTo(y.SourceSpan.Start);
        }

        /// <summary>
        /// Symbol equality, except that local functions and lambdas — which each semantic model creates anew —
        /// are the same when they are declared by the same syntax.
        /// </summary>
        private sealed class BodyComparer : IEqualityComparer<ISymbol>
        {
            public static readonly BodyComparer Instance = new BodyComparer();

            public bool Equals(ISymbol? x, ISymbol? y)
            {
                if (Declaration(x) is SyntaxReference left && Declaration(y) is SyntaxReference right)
                {
                    return left.SyntaxTree == right.SyntaxTree && left.Span == right.Span;
                }

                return SymbolEqualityComparer.Default.Equals(x, y);
            }

            public int GetHashCode(ISymbol obj)
                => Declaration(obj) is SyntaxReference reference ? reference.Span.GetHashCode() : SymbolEqualityComparer.Default.GetHashCode(obj);

            private static SyntaxReference? Declaration(ISymbol? symbol)
                => symbol is IMethodSymbol { MethodKind: MethodKind.LocalFunction or MethodKind.AnonymousFunction } function && function.DeclaringSyntaxReferences.Length > 0
                    ? function.DeclaringSyntaxReferences[0]
                    : null;
        }

        /// <summary>A body met in a search; lambdas given to Map*/Use/Run carry their registration as handler name.</summary>
        private sealed class Body
        {
            public Body(ISymbol symbol, Location location, string? handlerName)
            {
                Symbol = symbol;
                Location = location;
                HandlerName = handlerName;
            }

            public ISymbol Symbol { get; }

            public Location Location { get; }

            public string? HandlerName { get; }
        }

        /// <summary>One call of <see cref="Target"/> written in <see cref="Caller"/> (null when outside any body).</summary>
        private sealed class Site
        {
            public Site(SyntaxTree tree, IMethodSymbol target, Body? caller, bool detached, string? registration)
            {
                Tree = tree;
                Target = target;
                Caller = caller;
                Detached = detached;
                Registration = registration;
            }

            public SyntaxTree Tree { get; }

            public IMethodSymbol Target { get; }

            public Body? Caller { get; }

            public bool Detached { get; }

            public string? Registration { get; }
        }
    }
}
