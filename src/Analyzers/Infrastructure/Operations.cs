using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace HerokuAnalyzers.Infrastructure
{
    /// <summary>IOperation walking every rule family needs: through conversions, up to the body, into locals.</summary>
    internal static class Operations
    {
        /// <summary>The operand under the conversions the compiler inserted (string to object, Task&lt;T&gt; to Task …).</summary>
        public static IOperation WithoutImplicitConversions(IOperation operation)
        {
            while (operation is IConversionOperation { IsImplicit: true } conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }

        /// <summary>The operand under every conversion, casts written in code included.</summary>
        public static IOperation WithoutConversions(IOperation operation)
        {
            while (operation is IConversionOperation conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }

        /// <summary>The body (or top-level statements) an operation belongs to.</summary>
        public static IOperation Root(IOperation operation)
        {
            while (operation.Parent != null)
            {
                operation = operation.Parent;
            }

            return operation;
        }

        /// <summary>The initializer and every value a plain assignment gives the local, anywhere in its body.</summary>
        public static IEnumerable<IOperation> AssignedValues(ILocalReferenceOperation reference)
        {
            foreach (var operation in Root(reference).Descendants())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when declarator.Initializer != null && SymbolEqualityComparer.Default.Equals(declarator.Symbol, reference.Local):
                        yield return declarator.Initializer.Value;
                        break;
                    case ISimpleAssignmentOperation assignment when assignment.Target is ILocalReferenceOperation target && SymbolEqualityComparer.Default.Equals(target.Local, reference.Local):
                        yield return assignment.Value;
                        break;
                }
            }
        }

        /// <summary>
        /// The initializer of a local that its body never assigns again (plain, compound or ??= assignment,
        /// or a ref/out argument), so that <c>var url = "…"; app.Run(url);</c> is seen through; else null.
        /// </summary>
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
                    case IAssignmentOperation assignment when assignment.Target is ILocalReferenceOperation target
                                                              && SymbolEqualityComparer.Default.Equals(target.Local, reference.Local):
                        return null;
                    case IArgumentOperation { Parameter: { RefKind: not RefKind.None } } argument when argument.Value is ILocalReferenceOperation byRef
                                                                                                     && SymbolEqualityComparer.Default.Equals(byRef.Local, reference.Local):
                        return null;
                }
            }

            return initializer;
        }
    }
}
