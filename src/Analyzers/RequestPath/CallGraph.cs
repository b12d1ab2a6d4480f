using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
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

        /// <summary>
        /// A finding directly in a handler: no "reached from", except in code the container runs to build a
        /// service (<see cref="ServiceRegistrations.IsActivation"/>), whose findings say where it runs.
        /// </summary>
        public static Reached AtHandler(string? handlerName)
            => ServiceRegistrations.IsActivation(handlerName) ? new Reached(handlerName, false) : Handler;

        /// <summary>The nearest handler that calls into the body; null when the body is a handler itself (or see <see cref="AtHandler"/>).</summary>
        public string? From { get; }

        /// <summary>Reached only through work a handler starts and does not wait for (<see cref="DetachedWork"/>).</summary>
        public bool Detached { get; }
    }

    /// <summary>
    /// The compilation's call graph, explored backward and on demand: for a body that holds a finding,
    /// its callers are found by name in every tree (<see cref="CallSites"/>), bound, and followed breadth
    /// first until a request handler is met. Only bodies that hold findings start a search, so a document
    /// with none costs nothing here, and a document's answer needs no other document analyzed — which is
    /// what lets the editor show HK1xxx on an open file and makes the editor's answer the build's. Calls
    /// through interfaces and virtual methods reach every implementation in the compilation (class-hierarchy
    /// analysis), which is how DI services behind interfaces are followed.
    /// <para>
    /// The bound call sites of a tree are kept with the tree, as symbol IDs, while no declaration in the
    /// compilation changes (<see cref="Declarations"/>): an edit inside a method body re-binds only the
    /// edited document, so the first search after a change of declarations pays for binding the call sites
    /// of the names it follows, and the searches after it do not.
    /// </para>
    /// </summary>
    internal sealed class CallGraph
    {
        /// <summary>Bodies one search may visit; beyond it the body counts as not reached (hostile input).</summary>
        internal const int MaxBodies = 20000;

        private static readonly ConditionalWeakTable<SyntaxTree, TreeSites> SitesByTree = new ConditionalWeakTable<SyntaxTree, TreeSites>();

        private readonly Compilation _compilation;
        private readonly RequestPathSymbols _symbols;
        private readonly Func<SyntaxTree, RequestPathOptions> _options;
        private readonly Func<IMethodSymbol, string?> _handlerName;
        private readonly Lazy<long> _declarations;
        private readonly Lazy<Dictionary<string, SyntaxTree>> _treesByPath;
        private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new ConcurrentDictionary<SyntaxTree, SemanticModel>();
        private readonly ConcurrentDictionary<string, List<Site>> _callers = new ConcurrentDictionary<string, List<Site>>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, IMethodSymbol?> _methods = new ConcurrentDictionary<string, IMethodSymbol?>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, Reached?> _answers = new ConcurrentDictionary<string, Reached?>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, Dictionary<string, List<Site>>> _keyIndex = new ConcurrentDictionary<string, Dictionary<string, List<Site>>>(StringComparer.Ordinal);
        private readonly Lazy<SyntaxTree[]> _allTrees;

        public CallGraph(Compilation compilation, RequestPathSymbols symbols, Func<SyntaxTree, RequestPathOptions> options, Func<IMethodSymbol, string?> handlerName)
        {
            _compilation = compilation;
            _symbols = symbols;
            _options = options;
            _handlerName = handlerName;
            _declarations = new Lazy<long>(() => Declarations.Of(compilation), LazyThreadSafetyMode.ExecutionAndPublication);
            _allTrees = new Lazy<SyntaxTree[]>(() => System.Linq.Enumerable.ToArray(compilation.SyntaxTrees), LazyThreadSafetyMode.ExecutionAndPublication);
            _treesByPath = new Lazy<Dictionary<string, SyntaxTree>>(
                () =>
                {
                    var trees = new Dictionary<string, SyntaxTree>(StringComparer.Ordinal);
                    foreach (var tree in compilation.SyntaxTrees)
                    {
                        trees[tree.FilePath] = tree;
                    }

                    return trees;
                },
                LazyThreadSafetyMode.ExecutionAndPublication);
        }

        /// <summary>
        /// Whether <paramref name="method"/> runs for a request: it is a handler itself, or the nearest
        /// handler calling into it (fewest calls; among equals, the first in source order). Calls that a
        /// caller waits for are searched first, so a body also reached by a waited-for call is attached.
        /// </summary>
        public Reached? Reach(IMethodSymbol method, CancellationToken cancellationToken)
        {
            method = Normalize(method);
            if (!(Id(method) is string id) || method.Locations.Length == 0)
            {
                return null;
            }

            if (_answers.TryGetValue(id, out var known))
            {
                return known;
            }

            var location = method.Locations[0];
            var start = new Body(id, location.SourceTree?.FilePath ?? "", location.SourceSpan.Start, null);
            _methods.TryAdd(id, method);
            var answer = Search(start, attachedOnly: true, cancellationToken) ?? Search(start, attachedOnly: false, cancellationToken);
            return _answers.GetOrAdd(id, answer);
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
            var seen = new HashSet<string>(StringComparer.Ordinal) { start.Id };
            var level = new List<Body> { start };
            while (level.Count > 0)
            {
                Body? nearest = null;
                string? nearestName = null;
                foreach (var body in level)
                {
                    if (HandlerName(body, cancellationToken) is string name && (nearest == null || Compare(body, nearest) < 0))
                    {
                        nearest = body;
                        nearestName = name;
                    }
                }

                if (nearest != null)
                {
                    return nearest == start ? Reached.AtHandler(nearestName) : new Reached(nearestName, !attachedOnly);
                }

                var next = new List<Body>();
                foreach (var body in level)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (!(Symbol(body, cancellationToken) is IMethodSymbol method))
                    {
                        continue;
                    }

                    foreach (var site in Callers(method, cancellationToken))
                    {
                        if (site.Caller == null || (attachedOnly && site.Detached) || !_options(site.Tree).FollowCalls)
                        {
                            continue;
                        }

                        if (seen.Add(site.Caller.Id))
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

            if (!(Symbol(body, cancellationToken) is IMethodSymbol method))
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

        /// <summary>The body's method in this compilation: found by its ID, or by its declaration for a local function.</summary>
        private IMethodSymbol? Symbol(Body body, CancellationToken cancellationToken)
        {
            if (body.HandlerName != null)
            {
                return null;
            }

            if (_methods.TryGetValue(body.Id, out var known))
            {
                return known;
            }

            IMethodSymbol? symbol = null;
            if (body.Id.StartsWith(LocalPrefix, StringComparison.Ordinal))
            {
                if (_treesByPath.Value.TryGetValue(body.Path, out var tree)
                    && tree.GetRoot(cancellationToken).FindToken(body.Start).Parent?.FirstAncestorOrSelf<LocalFunctionStatementSyntax>() is LocalFunctionStatementSyntax local)
                {
                    symbol = Model(tree).GetDeclaredSymbol(local, cancellationToken) as IMethodSymbol;
                }
            }
            else
            {
                symbol = DocumentationCommentId.GetFirstSymbolForDeclarationId(body.Id, _compilation) as IMethodSymbol;
            }

            return _methods.GetOrAdd(body.Id, symbol == null ? null : Normalize(symbol));
        }

        /// <summary>Every call site in the compilation that may run <paramref name="method"/>, in source order per target.</summary>
        private List<Site> Callers(IMethodSymbol method, CancellationToken cancellationToken)
        {
            var id = Id(method);
            if (id == null)
            {
                return new List<Site>();
            }

            if (_callers.TryGetValue(id, out var known))
            {
                return known;
            }

            var callers = new List<Site>();
            foreach (var target in Targets(method))
            {
                if (!(Id(target) is string targetId))
                {
                    continue;
                }

                var trees = TreesFor(target);
                foreach (var key in Keys(target))
                {
                    if (trees == null)
                    {
                        // Every tree: the key's sites are grouped by target once per compilation, not filtered per search.
                        if (KeyIndex(key, cancellationToken).TryGetValue(targetId, out var sites))
                        {
                            callers.AddRange(sites);
                        }

                        continue;
                    }

                    foreach (var site in SitesIn(trees, key, cancellationToken))
                    {
                        if (site.TargetId == targetId)
                        {
                            callers.Add(site);
                        }
                    }
                }
            }

            return _callers.GetOrAdd(id, callers);
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

        /// <summary>Local functions and private members are called only from their own declarations' trees; null: every tree.</summary>
        private List<SyntaxTree>? TreesFor(IMethodSymbol target)
        {
            ISymbol? scope = target.MethodKind == MethodKind.LocalFunction ? target
                : target.DeclaredAccessibility == Accessibility.Private ? target.ContainingType
                : null;
            if (scope == null || scope.DeclaringSyntaxReferences.Length == 0)
            {
                return null;
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

        /// <summary>
        /// The call sites of one key in every tree, grouped by target ID, once per compilation: a hundred
        /// bodies that each follow the same name (a hundred services' <c>Load</c>) share one pass over the trees.
        /// </summary>
        private Dictionary<string, List<Site>> KeyIndex(string key, CancellationToken cancellationToken)
        {
            if (_keyIndex.TryGetValue(key, out var known))
            {
                return known;
            }

            var index = new Dictionary<string, List<Site>>(StringComparer.Ordinal);
            foreach (var site in SitesIn(_allTrees.Value, key, cancellationToken))
            {
                if (!index.TryGetValue(site.TargetId, out var sites))
                {
                    sites = new List<Site>();
                    index.Add(site.TargetId, sites);
                }

                sites.Add(site);
            }

            return _keyIndex.GetOrAdd(key, index);
        }

        /// <summary>
        /// The bound call sites of one key in the given trees, in their order. Concurrent searches of the same
        /// key share the work instead of queueing behind each other: a tree another search is binding is
        /// skipped and collected at the end, so each binds the trees nobody has taken yet.
        /// </summary>
        private List<Site> SitesIn(IReadOnlyList<SyntaxTree> trees, string key, CancellationToken cancellationToken)
        {
            var parts = new List<Site>?[trees.Count];
            List<int>? busy = null;
            for (var i = 0; i < trees.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                parts[i] = Sites(trees[i], key, wait: false, cancellationToken);
                if (parts[i] == null)
                {
                    (busy ??= new List<int>()).Add(i);
                }
            }

            if (busy != null)
            {
                foreach (var i in busy)
                {
                    parts[i] = Sites(trees[i], key, wait: true, cancellationToken);
                }
            }

            var all = new List<Site>();
            foreach (var part in parts)
            {
                all.AddRange(part!);
            }

            return all;
        }

        /// <summary>
        /// The bound call sites of one key in one tree, kept with the tree while the compilation's declarations
        /// stay the same; one search binds them, the others wait for it (or, without <paramref name="wait"/>,
        /// get null and come back later) instead of repeating it.
        /// </summary>
        private List<Site>? Sites(SyntaxTree tree, string key, bool wait, CancellationToken cancellationToken)
        {
            var cache = SitesByTree.GetOrCreateValue(tree);
            var declarations = _declarations.Value;
            PendingSites? sites;
            var mine = false;
            lock (cache)
            {
                if (cache.Declarations != declarations)
                {
                    cache.Declarations = declarations;
                    cache.ByKey.Clear();
                }

                if (!cache.ByKey.TryGetValue(key, out sites))
                {
                    sites = new PendingSites();
                    cache.ByKey[key] = sites;
                    mine = true;
                }
            }

            if (mine)
            {
                List<Site>? resolved = null;
                try
                {
                    resolved = Resolve(tree, key, cancellationToken);
                    return resolved;
                }
                finally
                {
                    if (resolved == null)
                    {
                        // A cancelled or failed binding (the editor moved on) must not stay cached.
                        lock (cache)
                        {
                            if (cache.ByKey.TryGetValue(key, out var cached) && cached == sites)
                            {
                                cache.ByKey.Remove(key);
                            }
                        }
                    }

                    sites.Complete(resolved);
                }
            }

            if (sites.TryGet(out var done))
            {
                return done ?? Sites(tree, key, wait, cancellationToken);
            }

            if (!wait)
            {
                return null;
            }

            // Null: another search's binding was cancelled, not this one: bind again.
            return sites.Wait(cancellationToken) ?? Sites(tree, key, wait, cancellationToken);
        }

        /// <summary>Binds the indexed nodes of one key in one tree: what each calls, from which body.</summary>
        private List<Site> Resolve(SyntaxTree tree, string key, CancellationToken cancellationToken)
        {
            var sites = new List<Site>();
            var spans = CallSites.Find(tree, key, cancellationToken);
            if (spans.Count == 0)
            {
                return sites;
            }

            var root = tree.GetRoot(cancellationToken);
            var model = Model(tree);
            foreach (var span in spans)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var operation = OperationAt(root, span, model, cancellationToken);
                if (operation == null || InNameOf(operation))
                {
                    continue;
                }

                IReadOnlyList<Body?>? callers = null;
                foreach (var (target, detached, registration) in Calls(operation))
                {
                    if (!(Id(Normalize(target)) is string targetId))
                    {
                        continue;
                    }

                    callers ??= CallersOf(operation.Syntax, model, cancellationToken);
                    foreach (var caller in callers)
                    {
                        sites.Add(new Site(tree, targetId, caller, detached, registration));
                    }
                }
            }

            return sites;
        }

        private SemanticModel Model(SyntaxTree tree) => _models.GetOrAdd(tree, t => _compilation.GetSemanticModel(t));
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
                // The common case, a method called by name: bind the invocation. Asking the name alone for its
                // symbol would also list the extension methods of every imported namespace (its method group).
                if (InvokedExpression(name) is InvocationExpressionSyntax invoked
                    && model.GetOperation(invoked, cancellationToken) is IInvocationOperation call
                    && call.TargetMethod.MethodKind != MethodKind.DelegateInvoke
                    && call.TargetMethod.Name == name.Identifier.ValueText)
                {
                    return call;
                }

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

        /// <summary>The invocation whose called expression is <paramref name="name"/> (<c>Load(…)</c>, <c>x.Load(…)</c>, <c>x?.Load(…)</c>), or null.</summary>
        private static InvocationExpressionSyntax? InvokedExpression(SimpleNameSyntax name)
        {
            SyntaxNode expression = name;
            if ((expression.Parent is MemberAccessExpressionSyntax access && access.Name == expression) || expression.Parent is MemberBindingExpressionSyntax)
            {
                expression = expression.Parent;
            }

            return expression.Parent is InvocationExpressionSyntax invocation && invocation.Expression == expression ? invocation : null;
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
        /// <summary>
        /// The bodies a call site runs in: its method, local function, accessor or handler lambda — or, in an
        /// instance field or property initializer, every constructor of the type that runs the initializers.
        /// </summary>
        private IReadOnlyList<Body?> CallersOf(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
        {
            if (InstanceInitializerOf(node) is MemberDeclarationSyntax member
                && model.GetDeclaredSymbol(member is FieldDeclarationSyntax field ? (SyntaxNode)field.Declaration.Variables[0] : member, cancellationToken)?.ContainingType is INamedTypeSymbol type)
            {
                var constructors = new List<Body?>();
                foreach (var constructor in type.InstanceConstructors)
                {
                    if (!ChainsToOwnConstructor(constructor, cancellationToken))
                    {
                        constructors.Add(BodyOf(constructor));
                    }
                }

                return constructors;
            }

            return new[] { CallerOf(node, model, cancellationToken) };
        }

        /// <summary>The instance field or property declaration whose initializer holds <paramref name="node"/> (outside lambdas), or null.</summary>
        private static MemberDeclarationSyntax? InstanceInitializerOf(SyntaxNode node)
        {
            for (var current = node; current != null; current = current.Parent)
            {
                switch (current)
                {
                    case AnonymousFunctionExpressionSyntax _:
                        return null;
                    case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: FieldDeclarationSyntax field } } }
                        when field.Parent is ClassDeclarationSyntax && !IsStatic(field.Modifiers):
                        return field;
                    case EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property } when property.Parent is ClassDeclarationSyntax && !IsStatic(property.Modifiers):
                        return property;
                    case MemberDeclarationSyntax _:
                        return null;
                }
            }

            return null;
        }

        private static bool IsStatic(SyntaxTokenList modifiers)
            => modifiers.Any(Microsoft.CodeAnalysis.CSharp.SyntaxKind.StaticKeyword) || modifiers.Any(Microsoft.CodeAnalysis.CSharp.SyntaxKind.ConstKeyword);

        /// <summary>A constructor that calls <c>this(…)</c> leaves the instance initializers to the one it calls.</summary>
        internal static bool ChainsToOwnConstructor(IMethodSymbol constructor, CancellationToken cancellationToken)
        {
            foreach (var reference in constructor.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is ConstructorDeclarationSyntax { Initializer: { } initializer }
                    && initializer.ThisOrBaseKeyword.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.ThisKeyword))
                {
                    return true;
                }
            }

            return false;
        }

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
                            return new Body(LocalPrefix + lambda.SyntaxTree.FilePath + ":" + lambda.SpanStart.ToString(CultureInfo.InvariantCulture), lambda.SyntaxTree.FilePath, lambda.SpanStart, registration);
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
        {
            if (!(symbol is IMethodSymbol method) || method.Locations.Length == 0 || !(Id(Normalize(method)) is string id))
            {
                return null;
            }

            var location = method.Locations[0];
            return new Body(id, location.SourceTree?.FilePath ?? "", location.SourceSpan.Start, null);
        }

        /// <summary>
        /// A method's ID, the same in every compilation while its declaration stays: its documentation ID, or
        /// for a local function where it is declared.
        /// </summary>
        private static string? Id(IMethodSymbol method)
        {
            if (method.MethodKind == MethodKind.LocalFunction || method.MethodKind == MethodKind.AnonymousFunction)
            {
                return method.DeclaringSyntaxReferences.Length > 0
                    ? LocalPrefix + method.DeclaringSyntaxReferences[0].SyntaxTree.FilePath + ":" + method.DeclaringSyntaxReferences[0].Span.Start.ToString(CultureInfo.InvariantCulture)
                    : null;
            }

            return DocumentationCommentId.CreateDeclarationId(method);
        }

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

        private static int Compare(Body x, Body y)
        {
            var byPath = string.CompareOrdinal(x.Path, y.Path);
            return byPath != 0 ? byPath : x.Start.CompareTo(y.Start);
        }

        private const string LocalPrefix = "local:";

        /// <summary>
        /// A body met in a search, by ID and place (no symbol: call sites outlive their compilation); lambdas
        /// given to Map*/Use/Run carry their registration as handler name.
        /// </summary>
        private sealed class Body
        {
            public Body(string id, string path, int start, string? handlerName)
            {
                Id = id;
                Path = path;
                Start = start;
                HandlerName = handlerName;
            }

            public string Id { get; }

            public string Path { get; }

            public int Start { get; }

            public string? HandlerName { get; }
        }

        /// <summary>One call of the method <see cref="TargetId"/> written in <see cref="Caller"/> (null when outside any body).</summary>
        private sealed class Site
        {
            public Site(SyntaxTree tree, string targetId, Body? caller, bool detached, string? registration)
            {
                Tree = tree;
                TargetId = targetId;
                Caller = caller;
                Detached = detached;
                Registration = registration;
            }

            public SyntaxTree Tree { get; }

            public string TargetId { get; }

            public Body? Caller { get; }

            public bool Detached { get; }

            public string? Registration { get; }
        }

        /// <summary>A tree's bound call sites by key, and the declarations of the compilation they were bound in.</summary>
        private sealed class TreeSites
        {
            public long Declarations { get; set; }

            public Dictionary<string, PendingSites> ByKey { get; } = new Dictionary<string, PendingSites>(StringComparer.Ordinal);
        }

        /// <summary>The call sites of one key in one tree, bound by one search while others wait for them.</summary>
        private sealed class PendingSites
        {
            private readonly object _gate = new object();
            private bool _done;
            private List<Site>? _sites;

            /// <summary>Whether the binding ended; then <paramref name="sites"/> is its result, or null when it was cancelled or failed.</summary>
            public bool TryGet(out List<Site>? sites)
            {
                lock (_gate)
                {
                    sites = _sites;
                    return _done;
                }
            }

            public void Complete(List<Site>? sites)
            {
                lock (_gate)
                {
                    _sites = sites;
                    _done = true;
                    Monitor.PulseAll(_gate);
                }
            }

            /// <summary>Waits for the binding; null when it was cancelled or failed.</summary>
            public List<Site>? Wait(CancellationToken cancellationToken)
            {
                lock (_gate)
                {
                    while (!_done)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        Monitor.Wait(_gate, 50);
                    }

                    return _sites;
                }
            }
        }
    }
}
