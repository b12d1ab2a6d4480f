using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace HerokuAnalyzers.RequestPath
{
    /// <summary>
    /// One function body of the compilation: a method, a local function, or a lambda given to Map*/Use/Run.
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

        /// <summary>Set when this body is a request handler; the name messages use for it.</summary>
        public string? HandlerName { get; set; }

        public HashSet<IMethodSymbol> Callees { get; } = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);

        /// <summary>Methods this body starts and does not wait for (see <see cref="DetachedWork"/>).</summary>
        public HashSet<IMethodSymbol> DetachedCallees { get; } = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);

        public List<Finding> Findings { get; } = new List<Finding>();

        public RequestPathOptions? Options { get; set; }
    }

    /// <summary>
    /// The compilation's call graph, built once: bodies register while they are analyzed (concurrently),
    /// then <see cref="Reach"/> walks it once from every handler. Calls through interfaces and virtual
    /// methods go to every implementation in the compilation (class-hierarchy analysis), which is how DI
    /// services behind interfaces are followed. Each body is visited at most once: time and memory are
    /// linear in the size of the compilation.
    /// </summary>
    internal sealed class CallGraph
    {
        private readonly IAssemblySymbol _assembly;
        private readonly ConcurrentDictionary<ISymbol, BodyNode> _nodes = new ConcurrentDictionary<ISymbol, BodyNode>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<INamedTypeSymbol, byte> _calledInterfaces = new ConcurrentDictionary<INamedTypeSymbol, byte>(SymbolEqualityComparer.Default);

        public CallGraph(Compilation compilation) => _assembly = compilation.Assembly;

        public BodyNode AddBody(ISymbol key, Location location)
        {
            key = key is IMethodSymbol method ? Normalize(method) : key;
            return _nodes.GetOrAdd(key, k => new BodyNode(k, location));
        }

        /// <summary>Records a call (or a method group, a property access, a constructor) from <paramref name="from"/>.</summary>
        /// <param name="detached">The caller starts the work and does not wait for it.</param>
        public void AddCall(BodyNode from, IMethodSymbol target, bool detached = false)
        {
            target = Normalize(target);
            var inCompilation = SymbolEqualityComparer.Default.Equals(target.ContainingAssembly, _assembly);
            var dispatched = IsDispatched(target);
            if (!inCompilation && !dispatched)
            {
                return;
            }

            if (dispatched && target.ContainingType is { TypeKind: TypeKind.Interface } @interface)
            {
                _calledInterfaces.TryAdd(@interface.OriginalDefinition, 0);
            }

            (detached ? from.DetachedCallees : from.Callees).Add(target);
        }

        /// <summary>
        /// Every body on the request path with the handler that reaches it first (breadth first, handlers
        /// taken in source order so the answer does not depend on analysis order), and whether it runs only
        /// detached from the request: reached solely through work a handler starts and does not wait for.
        /// Attached calls are followed first, so a body also reached by a waited-for call stays attached.
        /// </summary>
        public Dictionary<BodyNode, (BodyNode Handler, bool Detached)> Reach(Func<BodyNode, string?> handlerName)
        {
            var roots = new List<BodyNode>();
            foreach (var node in _nodes.Values)
            {
                node.HandlerName ??= handlerName(node);
                if (node.HandlerName != null)
                {
                    roots.Add(node);
                }
            }

            roots.Sort(CompareLocations);
            var implementations = Implementations();
            var reached = new Dictionary<BodyNode, (BodyNode Handler, bool Detached)>();
            var order = new List<BodyNode>();
            var queue = new Queue<BodyNode>();
            foreach (var root in roots)
            {
                reached[root] = (root, false);
                queue.Enqueue(root);
            }

            Walk(queue, reached, order, implementations, detached: false);
            foreach (var node in order)
            {
                queue.Enqueue(node);
            }

            Walk(queue, reached, order: null, implementations, detached: true);
            return reached;
        }

        /// <summary>
        /// Breadth first from the queued bodies. Attached: attached calls only. Detached: detached calls too,
        /// and every body newly found is detached.
        /// </summary>
        private void Walk(Queue<BodyNode> queue, Dictionary<BodyNode, (BodyNode Handler, bool Detached)> reached, List<BodyNode>? order, Dictionary<IMethodSymbol, List<IMethodSymbol>> implementations, bool detached)
        {
            while (queue.Count > 0)
            {
                var node = queue.Dequeue();
                order?.Add(node);
                if (node.Options?.FollowCalls == false)
                {
                    continue;
                }

                var handler = reached[node].Handler;
                Follow(node.Callees, handler, reached, queue, implementations, detached);
                if (detached)
                {
                    Follow(node.DetachedCallees, handler, reached, queue, implementations, detached);
                }
            }
        }

        private void Follow(HashSet<IMethodSymbol> callees, BodyNode handler, Dictionary<BodyNode, (BodyNode Handler, bool Detached)> reached, Queue<BodyNode> queue, Dictionary<IMethodSymbol, List<IMethodSymbol>> implementations, bool detached)
        {
            foreach (var callee in callees)
            {
                Visit(callee, handler, reached, queue, detached);
                if (implementations.TryGetValue(callee, out var overriders))
                {
                    foreach (var implementation in overriders)
                    {
                        Visit(implementation, handler, reached, queue, detached);
                    }
                }
            }
        }

        private void Visit(IMethodSymbol method, BodyNode handler, Dictionary<BodyNode, (BodyNode Handler, bool Detached)> reached, Queue<BodyNode> queue, bool detached)
        {
            if (_nodes.TryGetValue(method, out var node) && !reached.ContainsKey(node))
            {
                reached[node] = (handler, detached);
                queue.Enqueue(node);
            }
        }

        /// <summary>Interface members and virtual methods called somewhere → their implementations in the compilation.</summary>
        private Dictionary<IMethodSymbol, List<IMethodSymbol>> Implementations()
        {
            var implementations = new Dictionary<IMethodSymbol, List<IMethodSymbol>>(SymbolEqualityComparer.Default);
            var types = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            foreach (var key in _nodes.Keys)
            {
                if (!(key is IMethodSymbol method) || method.ContainingType == null)
                {
                    continue;
                }

                for (var overridden = method.OverriddenMethod; overridden != null; overridden = overridden.OverriddenMethod)
                {
                    Add(implementations, Normalize(overridden), method);
                }

                if (method.ContainingType.TypeKind != TypeKind.Interface)
                {
                    types.Add(method.ContainingType);
                }
            }

            if (_calledInterfaces.IsEmpty)
            {
                return implementations;
            }

            foreach (var type in types)
            {
                foreach (var @interface in type.AllInterfaces)
                {
                    if (!_calledInterfaces.ContainsKey(@interface.OriginalDefinition))
                    {
                        continue;
                    }

                    foreach (var member in @interface.GetMembers())
                    {
                        if (member is IMethodSymbol interfaceMethod
                            && type.FindImplementationForInterfaceMember(member) is IMethodSymbol implementation
                            && _nodes.ContainsKey(Normalize(implementation)))
                        {
                            Add(implementations, Normalize(interfaceMethod), Normalize(implementation));
                        }
                    }
                }
            }

            return implementations;
        }

        private static void Add(Dictionary<IMethodSymbol, List<IMethodSymbol>> implementations, IMethodSymbol declared, IMethodSymbol implementation)
        {
            if (!implementations.TryGetValue(declared, out var list))
            {
                list = new List<IMethodSymbol>();
                implementations.Add(declared, list);
            }

            list.Add(implementation);
        }

        /// <summary>Interface members and overridable methods, except object's (ToString everywhere would reach every override).</summary>
        private static bool IsDispatched(IMethodSymbol method)
        {
            if (method.IsStatic || method.MethodKind == MethodKind.Constructor)
            {
                return false;
            }

            if (method.ContainingType?.TypeKind == TypeKind.Interface)
            {
                return true;
            }

            if (!(method.IsVirtual || method.IsAbstract || method.IsOverride))
            {
                return false;
            }

            var root = method;
            while (root.OverriddenMethod != null)
            {
                root = root.OverriddenMethod;
            }

            return root.ContainingType?.SpecialType != SpecialType.System_Object;
        }

        private static IMethodSymbol Normalize(IMethodSymbol method)
        {
            method = method.ReducedFrom ?? method;
            method = method.PartialImplementationPart ?? method;
            return method.OriginalDefinition;
        }

        private static int CompareLocations(BodyNode x, BodyNode y)
        {
            var byPath = string.CompareOrdinal(x.Location.SourceTree?.FilePath, y.Location.SourceTree?.FilePath);
            return byPath != 0 ? byPath : x.Location.SourceSpan.Start.CompareTo(y.Location.SourceSpan.Start);
        }
    }
}
