using System.Collections.Generic;
using HerokuAnalyzers.Infrastructure;
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
            var unwrapped = Operations.WithoutConversions(value);
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
