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

        private readonly ConcurrentDictionary<IMethodSymbol, bool> _tokenOverloads = new ConcurrentDictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);

        public AsyncTwins(RequestPathSymbols symbols) => _symbols = symbols;

        public AsyncTwin? Find(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (method.MethodKind != MethodKind.Ordinary && method.MethodKind != MethodKind.ReducedExtension)
            {
                return null;
            }

            if (IsEfQueryOperator(invocation))
            {
                return Lookup(method, original => FindEfTwin(original));
            }

            return Lookup(method, FindTwin);
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

        private AsyncTwin? Lookup(IMethodSymbol method, Func<IMethodSymbol, AsyncTwin?> find)
        {
            var original = (method.ReducedFrom ?? method).OriginalDefinition;
            if (_memo.TryGetValue(original, out var known))
            {
                return ReferenceEquals(known, None) ? null : known;
            }

            var twin = find(original);
            if (_memo.Count < MaxEntries)
            {
                _memo.TryAdd(original, twin ?? None);
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
                    break;
                }
            }

            return null;
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

                if (AsMemory(expected) == actual)
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

        /// <summary>A LINQ operator applied to a query whose root is an EF Core DbSet: it runs the query synchronously.</summary>
        private bool IsEfQueryOperator(IInvocationOperation invocation)
        {
            if (_symbols.EfQueryableExtensions == null || _symbols.DbSet == null)
            {
                return false;
            }

            var method = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
            var ns = method.ContainingType?.ToDisplayString();
            if (ns != "System.Linq.Enumerable" && ns != "System.Linq.Queryable" || !method.IsExtensionMethod)
            {
                return false;
            }

            IOperation? source = invocation.Instance ?? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
            for (var depth = 0; source != null && depth < 32; depth++)
            {
                while (source is IConversionOperation conversion)
                {
                    source = conversion.Operand;
                }

                if (RequestHandlers.DerivesFrom(source.Type, _symbols.DbSet))
                {
                    return true;
                }

                if (!(source is IInvocationOperation inner) || !IsQueryBuilder(inner))
                {
                    return false;
                }

                source = inner.Instance ?? (inner.Arguments.Length > 0 ? inner.Arguments[0].Value : null);
            }

            return false;
        }

        /// <summary>Operators that compose an EF query without running it (Where, Include, AsNoTracking …).</summary>
        private static bool IsQueryBuilder(IInvocationOperation invocation)
        {
            var type = (invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod).ContainingType?.ToDisplayString();
            return type == "System.Linq.Queryable"
                   || type == "Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions"
                   || type == "Microsoft.EntityFrameworkCore.RelationalQueryableExtensions";
        }
    }
}
