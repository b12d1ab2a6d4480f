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
                case ILocalReferenceOperation local when IsNarrowedToConstant(local):
                    return null;
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

        /// <summary>
        /// Whether the reference sits in the branch of an <c>if</c> or <c>?:</c> that runs only when the local
        /// equals a constant (<c>x == "localhost:6379"</c>, <c>string.Equals(x, "…")</c>, the else of <c>!=</c>):
        /// there its value is that constant, not the config var — the usual local-development fallback.
        /// </summary>
        private static bool IsNarrowedToConstant(ILocalReferenceOperation reference)
        {
            IOperation child = reference;
            for (var parent = reference.Parent; parent != null && !(parent is IAnonymousFunctionOperation) && !(parent is ILocalFunctionOperation); child = parent, parent = parent.Parent)
            {
                if (parent is IConditionalOperation conditional && !ReferenceEquals(child, conditional.Condition))
                {
                    var equality = ComparesToConstant(conditional.Condition, reference.Local);
                    if ((equality == true && ReferenceEquals(child, conditional.WhenTrue))
                        || (equality == false && ReferenceEquals(child, conditional.WhenFalse)))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>True for <c>local == constant</c>, false for <c>local != constant</c>, null for anything else.</summary>
        private static bool? ComparesToConstant(IOperation condition, ILocalSymbol local)
        {
            condition = Operations.WithoutConversions(condition);
            if (condition is IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary
                && (IsLocalAndConstant(binary.LeftOperand, binary.RightOperand, local) || IsLocalAndConstant(binary.RightOperand, binary.LeftOperand, local)))
            {
                return binary.OperatorKind == BinaryOperatorKind.Equals;
            }

            if (condition is IInvocationOperation { TargetMethod: { Name: "Equals", ContainingType.SpecialType: SpecialType.System_String } } call)
            {
                var operands = call.Instance != null ? new[] { call.Instance, call.Arguments.Length > 0 ? call.Arguments[0].Value : null } : new[] { call.Arguments.Length > 0 ? call.Arguments[0].Value : null, call.Arguments.Length > 1 ? call.Arguments[1].Value : null };
                if (operands[0] != null && operands[1] != null
                    && (IsLocalAndConstant(operands[0]!, operands[1]!, local) || IsLocalAndConstant(operands[1]!, operands[0]!, local)))
                {
                    return true;
                }
            }

            return null;
        }

        private static bool IsLocalAndConstant(IOperation maybeLocal, IOperation maybeConstant, ILocalSymbol local)
            => Operations.WithoutConversions(maybeLocal) is ILocalReferenceOperation reference
               && SymbolEqualityComparer.Default.Equals(reference.Local, local)
               && Operations.WithoutConversions(maybeConstant).ConstantValue is { HasValue: true, Value: string };

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
