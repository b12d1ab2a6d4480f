using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace HerokuAnalyzers.Memory
{
    /// <summary>What the code makes certain about a setting: set, not set, or not knowable here.</summary>
    internal enum Knowledge
    {
        No,
        Yes,
        Unknown,
    }

    /// <summary>Operation walking shared by the memory rules: conversions, locals assigned once, settings.</summary>
    internal static class OperationFacts
    {
        public static IOperation Unwrap(IOperation operation)
        {
            while (operation is IConversionOperation conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }

        public static IOperation Root(IOperation operation)
        {
            while (operation.Parent != null)
            {
                operation = operation.Parent;
            }

            return operation;
        }

        /// <summary>The initializer of a local that is never assigned again in its body, or null.</summary>
        public static IOperation? SingleInitializer(ILocalReferenceOperation reference)
        {
            IOperation? initializer = null;
            foreach (var operation in Root(reference).Descendants())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, reference.Local):
                        initializer = declarator.Initializer?.Value;
                        break;
                    case ISimpleAssignmentOperation assignment when assignment.Target is ILocalReferenceOperation target
                                                                    && SymbolEqualityComparer.Default.Equals(target.Local, reference.Local):
                        return null;
                    case IArgumentOperation { Parameter: { RefKind: not RefKind.None } } argument when argument.Value is ILocalReferenceOperation byRef
                                                                                                     && SymbolEqualityComparer.Default.Equals(byRef.Local, reference.Local):
                        return null;
                }
            }

            return initializer;
        }

        /// <summary>Every reference to <paramref name="symbol"/> (a local or parameter) under <paramref name="scope"/>.</summary>
        public static IEnumerable<IOperation> References(IOperation scope, ISymbol symbol)
        {
            foreach (var operation in scope.Descendants())
            {
                if ((operation is ILocalReferenceOperation local && SymbolEqualityComparer.Default.Equals(local.Local, symbol))
                    || (operation is IParameterReferenceOperation parameter && SymbolEqualityComparer.Default.Equals(parameter.Parameter, symbol)))
                {
                    yield return operation;
                }
            }
        }

        /// <summary>A value assigned to a nullable setting: null clears it, a constant or non-nullable value sets it.</summary>
        public static Knowledge IsSet(IOperation value)
        {
            var unwrapped = Unwrap(value);
            if (unwrapped.ConstantValue.HasValue)
            {
                return unwrapped.ConstantValue.Value == null ? Knowledge.No : Knowledge.Yes;
            }

            if (unwrapped is IDefaultValueOperation)
            {
                return Knowledge.No;
            }

            return unwrapped.Type is { IsValueType: true } type && type.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T
                ? Knowledge.Yes
                : Knowledge.Unknown;
        }

        /// <summary>Combines two observations of the same setting: set anywhere wins, anything unknown taints.</summary>
        public static Knowledge Merge(Knowledge left, Knowledge right)
        {
            if (left == Knowledge.Yes || right == Knowledge.Yes)
            {
                return Knowledge.Yes;
            }

            return left == Knowledge.Unknown || right == Knowledge.Unknown ? Knowledge.Unknown : Knowledge.No;
        }
    }
}
