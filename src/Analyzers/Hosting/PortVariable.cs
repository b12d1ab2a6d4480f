using System;
using HerokuAnalyzers.Heroku;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace HerokuAnalyzers.Hosting
{
    /// <summary>
    /// Reads of the port Heroku gives: <c>Environment.GetEnvironmentVariable("PORT")</c>, or the PORT
    /// configuration key (<c>Configuration["PORT"]</c>, <c>GetValue&lt;int&gt;("PORT")</c>) — the default
    /// host loads every environment variable into configuration without a prefix.
    /// </summary>
    internal static class PortVariable
    {
        public static bool IsRead(IOperation operation, BindingSymbols symbols)
        {
            switch (operation)
            {
                case IInvocationOperation invocation:
                    var method = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
                    if (method.Name == "GetEnvironmentVariable" && Is(method.ContainingType, symbols.Environment))
                    {
                        // Environment variable names are case-sensitive on Linux dynos.
                        return FirstStringArgument(invocation) == HerokuFacts.PortVariable;
                    }

                    if (method.Name == "GetValue" && Is(method.ContainingType, symbols.ConfigurationBinder))
                    {
                        return IsPortKey(KeyArgument(invocation));
                    }

                    return false;

                case IPropertyReferenceOperation { Property: { IsIndexer: true } } indexer when indexer.Arguments.Length == 1:
                    return IsConfiguration(indexer.Property.ContainingType, symbols) && IsPortKey(indexer.Arguments[0].Value.ConstantValue.Value as string);

                default:
                    return false;
            }
        }

        private static bool IsPortKey(string? key) => string.Equals(key, HerokuFacts.PortVariable, StringComparison.OrdinalIgnoreCase);

        private static string? FirstStringArgument(IInvocationOperation invocation)
            => invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value.ConstantValue.Value as string : null;

        private static string? KeyArgument(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == "key")
                {
                    return argument.Value.ConstantValue.Value as string;
                }
            }

            return null;
        }

        private static bool IsConfiguration(INamedTypeSymbol? type, BindingSymbols symbols)
        {
            if (type == null || symbols.Configuration == null)
            {
                return false;
            }

            if (Is(type, symbols.Configuration))
            {
                return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (Is(implemented, symbols.Configuration))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected)
            => expected != null && SymbolEqualityComparer.Default.Equals(type?.OriginalDefinition, expected);
    }
}
