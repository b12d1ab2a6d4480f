using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using HerokuAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HerokuAnalyzers.RequestPath
{
    /// <summary>
    /// What decides whether code runs for a request, once per compilation and shared by every analyzer that
    /// asks (the request-path rules, and HK8006 for writes in code a handler calls): the framework symbols,
    /// the per-tree options, which methods are handlers, and the <see cref="CallGraph"/> with its cached
    /// answers. Weakly keyed by the compilation, so it lives exactly as long as the compilation.
    /// </summary>
    internal sealed class RequestReach
    {
        private static readonly ConditionalWeakTable<Compilation, Holder> ByCompilation = new ConditionalWeakTable<Compilation, Holder>();

        private readonly ConcurrentDictionary<SyntaxTree, RequestPathOptions> _optionsByTree = new ConcurrentDictionary<SyntaxTree, RequestPathOptions>();
        private readonly AnalyzerOptions _analyzerOptions;
        private readonly Lazy<RequestHandlers> _allControllers;
        private readonly RequestHandlers _noControllers;

        private RequestReach(Compilation compilation, RequestPathSymbols symbols, AnalyzerOptions analyzerOptions)
        {
            Symbols = symbols;
            _analyzerOptions = analyzerOptions;

            // Whether a type is a controller's base is known only from every controller: the source types
            // are listed once, and only for a method of a type that could be such a base.
            _allControllers = new Lazy<RequestHandlers>(() => new RequestHandlers(symbols, Controllers(compilation, symbols)), LazyThreadSafetyMode.ExecutionAndPublication);
            _noControllers = new RequestHandlers(symbols, Array.Empty<INamedTypeSymbol>());
            Graph = new CallGraph(compilation, symbols, OptionsFor, HandlerName);
        }

        public RequestPathSymbols Symbols { get; }

        public CallGraph Graph { get; }

        /// <summary>The compilation's request reach; null when it does not reference ASP.NET Core.</summary>
        public static RequestReach? For(Compilation compilation, AnalyzerOptions options)
        {
            var holder = ByCompilation.GetValue(compilation, c =>
            {
                var symbols = RequestPathSymbols.TryCreate(c);
                return new Holder(symbols == null ? null : new RequestReach(c, symbols, options));
            });
            return holder.Reach;
        }

        public RequestPathOptions OptionsFor(SyntaxTree tree)
            => _optionsByTree.GetOrAdd(tree, t => RequestPathOptions.Read(HerokuOptions.For(_analyzerOptions, t)));

        /// <summary>The handler name used in messages when <paramref name="method"/> is a request handler, else null.</summary>
        public string? HandlerName(IMethodSymbol method)
        {
            var type = method.ContainingType;
            if (type == null)
            {
                return null;
            }

            if (RequestHandlers.IsController(type, Symbols))
            {
                return new RequestHandlers(Symbols, new[] { type }).HandlerName(method);
            }

            return type.TypeKind != TypeKind.Class || type.IsSealed || type.IsStatic || !type.Locations.Any(l => l.IsInSource)
                ? _noControllers.HandlerName(method)
                : _allControllers.Value.HandlerName(method);
        }

        private static IEnumerable<INamedTypeSymbol> Controllers(Compilation compilation, RequestPathSymbols symbols)
        {
            var namespaces = new Stack<INamespaceSymbol>();
            namespaces.Push(compilation.Assembly.GlobalNamespace);
            while (namespaces.Count > 0)
            {
                var current = namespaces.Pop();
                foreach (var ns in current.GetNamespaceMembers())
                {
                    namespaces.Push(ns);
                }

                foreach (var type in current.GetTypeMembers())
                {
                    if (RequestHandlers.IsController(type, symbols))
                    {
                        yield return type;
                    }
                }
            }
        }

        private sealed class Holder
        {
            public Holder(RequestReach? reach) => Reach = reach;

            public RequestReach? Reach { get; }
        }
    }
}
