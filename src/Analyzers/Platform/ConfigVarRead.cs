using System;
using HerokuAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace HerokuAnalyzers.Platform
{
    /// <summary>
    /// The Heroku config var an expression reads: <c>Environment.GetEnvironmentVariable("X")</c>,
    /// <c>configuration["X"]</c> or <c>configuration.GetValue&lt;string&gt;("X")</c> (the default host
    /// loads every environment variable into configuration), through conversions, locals assigned once,
    /// <c>??</c> and <c>?:</c>.
    /// </summary>
    internal static class ConfigVarRead
    {
        private const int MaxDepth = 8;

        /// <summary>Whether the value may be the config var chosen by <paramref name="isName"/>; returns the name read.</summary>
        public static string? Find(IOperation value, Func<string, bool> isName) => Find(value, isName, 0);

        private static string? Find(IOperation value, Func<string, bool> isName, int depth)
        {
            if (depth > MaxDepth)
            {
                return null;
            }

            value = Operations.WithoutConversions(value);
            switch (value)
            {
                case ILocalReferenceOperation local when Operations.SingleInitializer(local) is IOperation initializer:
                    return Find(initializer, isName, depth + 1);
                case ICoalesceOperation coalesce:
                    return Find(coalesce.Value, isName, depth + 1) ?? Find(coalesce.WhenNull, isName, depth + 1);
                case IConditionalOperation conditional when conditional.WhenFalse != null:
                    return Find(conditional.WhenTrue, isName, depth + 1) ?? Find(conditional.WhenFalse, isName, depth + 1);
                case IInvocationOperation invocation:
                    return Checked(KeyOf(invocation), isName);
                case IPropertyReferenceOperation { Property.IsIndexer: true } indexer when indexer.Arguments.Length == 1
                                                                                           && IsConfiguration(indexer.Property.ContainingType):
                    return Checked(indexer.Arguments[0].Value.ConstantValue.Value as string, isName);
                default:
                    return null;
            }
        }

        private static string? Checked(string? name, Func<string, bool> isName) => name != null && isName(name) ? name : null;

        private static string? KeyOf(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
            var type = method.ContainingType?.ToDisplayString();
            var isEnvironment = method.Name == "GetEnvironmentVariable" && type == "System.Environment";
            var isConfiguration = method.Name == "GetValue" && type == "Microsoft.Extensions.Configuration.ConfigurationBinder";
            if (!isEnvironment && !isConfiguration)
            {
                return null;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == "variable" || argument.Parameter?.Name == "key")
                {
                    return argument.Value.ConstantValue.Value as string;
                }
            }

            return null;
        }

        private static bool IsConfiguration(INamedTypeSymbol type)
        {
            if (type.ToDisplayString() == "Microsoft.Extensions.Configuration.IConfiguration")
            {
                return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (implemented.ToDisplayString() == "Microsoft.Extensions.Configuration.IConfiguration")
                {
                    return true;
                }
            }

            return false;
        }
    }
}
