using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace HerokuAnalyzers.RequestPath
{
    /// <summary>An awaitable method that does what a synchronous one does.</summary>
    internal sealed class AsyncTwin
    {
        public AsyncTwin(IMethodSymbol method, bool takesCancellationToken, bool exactParameters)
        {
            Method = method;
            TakesCancellationToken = takesCancellationToken;
            ExactParameters = exactParameters;
        }

        public IMethodSymbol Method { get; }

        /// <summary>The twin has a CancellationToken parameter after the synchronous method's parameters.</summary>
        public bool TakesCancellationToken { get; }

        /// <summary>The synchronous call's arguments fit the twin as written (no Span → Memory change).</summary>
        public bool ExactParameters { get; }
    }

    /// <summary>
    /// Finds the async twin of a synchronous library method: the same name + "Async" (or "TaskAsync", the
    /// WebClient convention) on the same type or a base type, awaitable, with the same parameters and
    /// optionally a trailing CancellationToken. EF Core's twins of LINQ operators live in
    /// EntityFrameworkQueryableExtensions. Answers are memoized per method; the memo is bounded.
    /// </summary>
    internal sealed class AsyncTwins
    {
        private const int MaxEntries = 4096;

        private static readonly AsyncTwin None = new AsyncTwin(null!, false, false);

        private readonly RequestPathSymbols _symbols;
        private readonly ConcurrentDictionary<IMethodSymbol, AsyncTwin> _memo = new ConcurrentDictionary<IMethodSymbol, AsyncTwin>(SymbolEqualityComparer.Default);

        private readonly ConcurrentDictionary<IMethodSymbol, AsyncTwin> _efMemo = new ConcurrentDictionary<IMethodSymbol, AsyncTwin>(SymbolEqualityComparer.Default);

        private readonly ConcurrentDictionary<IMethodSymbol, bool> _tokenOverloads = new ConcurrentDictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);

        public AsyncTwins(RequestPathSymbols symbols) => _symbols = symbols;

        public AsyncTwin? Find(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (method.MethodKind != MethodKind.Ordinary && method.MethodKind != MethodKind.ReducedExtension)
            {
                return null;
            }

            // LINQ operators run a query or not depending on their source, so that is decided per call; only
            // the operator's EF twin is memoized, in a memo of its own.
            if (IsLinqOperator(method))
            {
                return IsEfQueryOperator(invocation) ? Lookup(_efMemo, method, FindEfTwin) : null;
            }

            return Lookup(_memo, method, FindTwin);
        }

        /// <summary>An overload of the same method with one more, trailing, CancellationToken parameter.</summary>
        public bool HasTokenOverload(IMethodSymbol method)
        {
            var original = (method.ReducedFrom ?? method).OriginalDefinition;
            if (_tokenOverloads.TryGetValue(original, out var known))
            {
                return known;
            }

            var found = false;
            foreach (var member in original.ContainingType.GetMembers(original.Name))
            {
                if (member is IMethodSymbol overload && overload.IsStatic == original.IsStatic
                    && overload.Parameters.Length == original.Parameters.Length + 1
                    && SymbolEqualityComparer.Default.Equals(overload.Parameters[overload.Parameters.Length - 1].Type, _symbols.CancellationToken)
                    && SameParameterTypes(original, overload))
                {
                    found = true;
                    break;
                }
            }

            if (_tokenOverloads.Count < MaxEntries)
            {
                _tokenOverloads.TryAdd(original, found);
            }

            return found;
        }

        private static bool SameParameterTypes(IMethodSymbol method, IMethodSymbol overload)
        {
            for (var i = 0; i < method.Parameters.Length; i++)
            {
                if (method.Parameters[i].Type.ToDisplayString() != overload.Parameters[i].Type.ToDisplayString())
                {
                    return false;
                }
            }

            return true;
        }

        private static AsyncTwin? Lookup(ConcurrentDictionary<IMethodSymbol, AsyncTwin> memo, IMethodSymbol method, Func<IMethodSymbol, AsyncTwin?> find)
        {
            var original = (method.ReducedFrom ?? method).OriginalDefinition;
            if (memo.TryGetValue(original, out var known))
            {
                return ReferenceEquals(known, None) ? null : known;
            }

            var twin = find(original);
            if (memo.Count < MaxEntries)
            {
                memo.TryAdd(original, twin ?? None);
            }

            return twin;
        }

        private AsyncTwin? FindTwin(IMethodSymbol method)
        {
            if (_symbols.IsAwaitable(method.ReturnType) || method.Name.EndsWith("Async", StringComparison.Ordinal))
            {
                return null;
            }

            for (ITypeSymbol? type = method.ContainingType; type != null; type = type.BaseType)
            {
                foreach (var suffix in new[] { "Async", "TaskAsync" })
                {
                    foreach (var member in type.GetMembers(method.Name + suffix))
                    {
                        if (member is IMethodSymbol candidate && candidate.IsStatic == method.IsStatic
                            && Compare(method.Parameters, candidate, 0) is AsyncTwin twin)
                        {
                            return twin;
                        }
                    }
                }

                if (method.IsStatic)
                {
                    return method.IsExtensionMethod ? FindExtensionTwin(method) : null;
                }
            }

            return null;
        }

        /// <summary>
        /// The micro-ORM pattern (Dapper's <c>Query&lt;T&gt;</c>/<c>QueryAsync&lt;T&gt;</c> on a connection): an extension
        /// method next to the synchronous one, taking the same receiver and the same parameters by name, where
        /// either may have optional parameters the other lacks (<c>buffered</c>, a trailing token). Not exact:
        /// the fix is not offered, the call may pass an argument the twin has no parameter for.
        /// </summary>
        private AsyncTwin? FindExtensionTwin(IMethodSymbol method)
        {
            foreach (var member in method.ContainingType.GetMembers(method.Name + "Async"))
            {
                if (member is IMethodSymbol candidate && candidate.IsExtensionMethod && candidate.DeclaredAccessibility == Accessibility.Public
                    && candidate.TypeParameters.Length == method.TypeParameters.Length && _symbols.IsAwaitable(candidate.ReturnType)
                    && MatchesByName(method, candidate) && MatchesByName(candidate, method))
                {
                    return new AsyncTwin(candidate, false, false);
                }
            }

            return null;
        }

        /// <summary>Every required parameter of <paramref name="from"/> is in <paramref name="to"/> by name and type (the receiver by position).</summary>
        private bool MatchesByName(IMethodSymbol from, IMethodSymbol to)
        {
            if (from.Parameters.Length == 0 || to.Parameters.Length == 0
                || from.Parameters[0].Type.ToDisplayString() != to.Parameters[0].Type.ToDisplayString())
            {
                return false;
            }

            for (var i = 1; i < from.Parameters.Length; i++)
            {
                var parameter = from.Parameters[i];
                if (SymbolEqualityComparer.Default.Equals(parameter.Type, _symbols.CancellationToken))
                {
                    continue;
                }

                IParameterSymbol? match = null;
                foreach (var other in to.Parameters)
                {
                    if (other.Name == parameter.Name)
                    {
                        match = other;
                        break;
                    }
                }

                if (match == null ? !parameter.IsOptional : match.Type.ToDisplayString() != parameter.Type.ToDisplayString() || match.RefKind != parameter.RefKind)
                {
                    return false;
                }
            }

            return true;
        }

        private AsyncTwin? FindEfTwin(IMethodSymbol method)
        {
            foreach (var member in _symbols.EfQueryableExtensions!.GetMembers(method.Name + "Async"))
            {
                if (member is IMethodSymbol candidate && method.Parameters.Length > 0
                    && Compare(method.Parameters, candidate, 1) is AsyncTwin twin)
                {
                    return twin;
                }
            }

            return null;
        }

        /// <summary>
        /// Parameters from <paramref name="skip"/> on must match in type (Span&lt;T&gt; may become Memory&lt;T&gt;);
        /// the twin may add a trailing CancellationToken. For extension operators the source (parameter 0) differs.
        /// </summary>
        private AsyncTwin? Compare(ImmutableArray<IParameterSymbol> parameters, IMethodSymbol candidate, int skip)
        {
            if (candidate.DeclaredAccessibility != Accessibility.Public || !_symbols.IsAwaitable(candidate.ReturnType))
            {
                return null;
            }

            var twinParameters = candidate.Parameters;
            var takesToken = twinParameters.Length == parameters.Length + 1
                             && SymbolEqualityComparer.Default.Equals(twinParameters[twinParameters.Length - 1].Type, _symbols.CancellationToken);
            if (twinParameters.Length != parameters.Length && !takesToken)
            {
                return null;
            }

            var exact = true;
            for (var i = skip; i < parameters.Length; i++)
            {
                var expected = parameters[i].Type.ToDisplayString();
                var actual = twinParameters[i].Type.ToDisplayString();
                if (expected == actual && parameters[i].RefKind == twinParameters[i].RefKind)
                {
                    continue;
                }

                // Span<T> → Memory<T>; for EF's twins of Enumerable operators, Func<…> → Expression<Func<…>>.
                if (AsMemory(expected) == actual || skip == 1 && "System.Linq.Expressions.Expression<" + expected + ">" == actual)
                {
                    exact = false;
                    continue;
                }

                return null;
            }

            return new AsyncTwin(candidate, takesToken, exact);
        }

        private static string AsMemory(string type)
            => type.Replace("System.ReadOnlySpan<", "System.ReadOnlyMemory<").Replace("System.Span<", "System.Memory<");

        /// <summary>An operator of System.Linq.Enumerable or System.Linq.Queryable.</summary>
        private static bool IsLinqOperator(IMethodSymbol method)
        {
            method = method.ReducedFrom ?? method;
            var type = method.ContainingType;
            return method.IsExtensionMethod && type != null && (type.Name == "Enumerable" || type.Name == "Queryable")
                   && type.ContainingNamespace?.ToDisplayString() == "System.Linq";
        }

        /// <summary>
        /// A LINQ operator whose source is an EF Core query: it runs the query synchronously. Decided for this
        /// call from its source (<see cref="EfQueries"/>), never for the operator once: <c>list.ToList()</c> next
        /// to <c>db.Invoices.ToList()</c> stays clean.
        /// </summary>
        private bool IsEfQueryOperator(IInvocationOperation invocation)
        {
            if (_symbols.EfQueryableExtensions == null || _symbols.DbSet == null || _symbols.EfRunsInMemoryOnly)
            {
                return false;
            }

            var source = invocation.Instance ?? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
            return EfQueries.IsEfQuery(source, _symbols);
        }
    }
}
