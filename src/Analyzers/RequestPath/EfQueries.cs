using HerokuAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace HerokuAnalyzers.RequestPath
{
    /// <summary>
    /// Whether one LINQ source is an EF Core query, so that the operator applied to it runs SQL: a DbSet,
    /// operators that compose a query over one (Where, Include, AsNoTracking, query syntax …), a local some
    /// assignment of which is such a query, or an <c>IQueryable</c> from code not seen here (a repository
    /// method, a parameter) in a compilation that references EF Core. A query made with <c>AsQueryable()</c>
    /// over a collection, and every source whose type is not IQueryable (List, array, IEnumerable), is not.
    /// </summary>
    internal static class EfQueries
    {
        private const int MaxSteps = 32;

        public static bool IsEfQuery(IOperation? source, RequestPathSymbols symbols)
        {
            var steps = MaxSteps;
            return IsEfQuery(source, symbols, ref steps);
        }

        private static bool IsEfQuery(IOperation? source, RequestPathSymbols symbols, ref int steps)
        {
            while (source != null && steps-- > 0)
            {
                source = Unwrap(source);
                if (RequestHandlers.DerivesFrom(source.Type, symbols.DbSet))
                {
                    return true;
                }

                switch (source)
                {
                    case IInvocationOperation invocation:
                        var method = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
                        if (IsComposition(method))
                        {
                            if (method.Name == "AsQueryable" && method.ContainingType.Name == "Queryable")
                            {
                                // AsQueryable over an in-memory collection: LINQ to Objects behind an IQueryable.
                                var inner = invocation.Arguments.Length > 0 ? Unwrap(invocation.Arguments[0].Value) : null;
                                if (inner == null || !IsQueryable(inner.Type, symbols))
                                {
                                    return false;
                                }
                            }

                            source = invocation.Instance ?? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
                            continue;
                        }

                        return IsQueryable(invocation.Type, symbols);

                    case ILocalReferenceOperation local:
                        return AnyAssignedValueIsEfQuery(local, symbols, ref steps);

                    case IConditionalOperation conditional:
                        return IsEfQuery(conditional.WhenTrue, symbols, ref steps) || IsEfQuery(conditional.WhenFalse, symbols, ref steps);

                    case ICoalesceOperation coalesce:
                        return IsEfQuery(coalesce.Value, symbols, ref steps) || IsEfQuery(coalesce.WhenNull, symbols, ref steps);

                    case IParameterReferenceOperation _:
                    case IFieldReferenceOperation _:
                    case IPropertyReferenceOperation _:
                        return IsQueryable(source.Type, symbols);

                    default:
                        return false;
                }
            }

            return false;
        }

        private static IOperation Unwrap(IOperation operation)
        {
            while (true)
            {
                switch (operation)
                {
                    case IConversionOperation conversion:
                        operation = conversion.Operand;
                        continue;
                    case ITranslatedQueryOperation query:
                        operation = query.Operation;
                        continue;
                    default:
                        return operation;
                }
            }
        }

        /// <summary><c>var q = db.Invoices.AsQueryable(); if (paid) q = q.Where(…);</c>: any value the local is given.</summary>
        private static bool AnyAssignedValueIsEfQuery(ILocalReferenceOperation reference, RequestPathSymbols symbols, ref int steps)
        {
            foreach (var operation in Operations.Root(reference).Descendants())
            {
                IOperation? value = null;
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, reference.Local):
                        value = declarator.Initializer?.Value;
                        break;
                    case ISimpleAssignmentOperation assignment when assignment.Target is ILocalReferenceOperation target
                                                                    && SymbolEqualityComparer.Default.Equals(target.Local, reference.Local):
                        value = assignment.Value;
                        break;
                    case ICoalesceAssignmentOperation coalesce when coalesce.Target is ILocalReferenceOperation target
                                                                    && SymbolEqualityComparer.Default.Equals(target.Local, reference.Local):
                        value = coalesce.Value;
                        break;
                }

                if (value != null && !(Unwrap(value) is ILocalReferenceOperation self && SymbolEqualityComparer.Default.Equals(self.Local, reference.Local))
                    && steps > 0 && IsEfQuery(value, symbols, ref steps))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Operators that compose a query without running it: Queryable's, EF Core's (Include, AsNoTracking …), AsEnumerable.</summary>
        private static bool IsComposition(IMethodSymbol method)
        {
            var type = method.ContainingType;
            if (type == null || !method.IsExtensionMethod)
            {
                return false;
            }

            var ns = type.ContainingNamespace?.ToDisplayString();
            if (ns == "System.Linq")
            {
                return type.Name == "Queryable" && ReturnsQuery(method) || type.Name == "Enumerable" && method.Name == "AsEnumerable";
            }

            return ns == "Microsoft.EntityFrameworkCore"
                   && (type.Name == "EntityFrameworkQueryableExtensions" || type.Name == "RelationalQueryableExtensions")
                   && ReturnsQuery(method);
        }

        private static bool ReturnsQuery(IMethodSymbol method)
        {
            foreach (var @interface in method.ReturnType.AllInterfaces)
            {
                if (@interface.Name == "IQueryable")
                {
                    return true;
                }
            }

            return method.ReturnType.Name == "IQueryable" || method.ReturnType.Name.EndsWith("Queryable", System.StringComparison.Ordinal);
        }

        private static bool IsQueryable(ITypeSymbol? type, RequestPathSymbols symbols)
            => RequestHandlers.IsOrImplements(type, symbols.Queryable);
    }
}
