using HerokuAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace HerokuAnalyzers.RequestPath
{
    /// <summary>
    /// Tasks whose result is already there when it is read, so .Result / GetResult() does not block:
    /// completed by construction (Task.FromResult, new ValueTask&lt;T&gt;(value)), already awaited (alone or
    /// through <c>await Task.WhenAll(…)</c>), or read under an IsCompleted check.
    /// </summary>
    internal static class CompletedTasks
    {
        public static bool IsCompleted(IOperation? task, IOperation use)
        {
            task = task == null ? null : Operations.WithoutConversions(task);
            switch (task)
            {
                case null:
                    return false;
                case IInvocationOperation { TargetMethod.Name: "FromResult" } invocation when IsTaskType(invocation.TargetMethod.ContainingType):
                    return true;
                case IPropertyReferenceOperation { Property: { Name: "CompletedTask" } } property when IsTaskType(property.Property.ContainingType):
                    return true;
                case IObjectCreationOperation creation when IsTaskType(creation.Type):
                    // new ValueTask<T>(result) is complete; new ValueTask<T>(task) or (source, token) is not.
                    return creation.Arguments.Length == 1 && !IsTaskType(creation.Arguments[0].Value.Type)
                           && creation.Constructor?.Parameters[0].Type.TypeKind != TypeKind.Interface;
                case IDefaultValueOperation _:
                    return true;
            }

            var symbol = Referenced(task);
            return symbol != null && (IsAwaitedBefore(symbol, use) || IsGuarded(symbol, use) || IsContinuationAntecedent(symbol, use));
        }

        /// <summary><c>task.ContinueWith(t => t.Result)</c>: a continuation runs when its antecedent has finished.</summary>
        private static bool IsContinuationAntecedent(ISymbol symbol, IOperation use)
        {
            if (!(symbol is IParameterSymbol parameter))
            {
                return false;
            }

            for (var parent = use.Parent; parent != null; parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation lambda && SymbolEqualityComparer.Default.Equals(lambda.Symbol, parameter.ContainingSymbol))
                {
                    var outer = lambda.Parent;
                    while (outer is IDelegateCreationOperation || outer is IConversionOperation || outer is IArgumentOperation)
                    {
                        outer = outer.Parent;
                    }

                    return outer is IInvocationOperation { TargetMethod.Name: "ContinueWith" } continuation && IsTaskType(continuation.TargetMethod.ContainingType);
                }
            }

            return false;
        }

        private static bool IsTaskType(ITypeSymbol? type)
            => type != null && (type.Name == "Task" || type.Name == "ValueTask") && type.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks";

        /// <summary>The local, parameter or field a task expression reads, seeing through tasks[i] and foreach variables.</summary>
        private static ISymbol? Referenced(IOperation? operation)
        {
            operation = operation == null ? null : Operations.WithoutConversions(operation);
            switch (operation)
            {
                case ILocalReferenceOperation local:
                    return ForEachCollection(local) ?? local.Local;
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter;
                case IFieldReferenceOperation field:
                    return field.Field;
                case IArrayElementReferenceOperation element:
                    return Referenced(element.ArrayReference);
                case IPropertyReferenceOperation { Property: { IsIndexer: true } } indexer:
                    return Referenced(indexer.Instance);
                default:
                    return null;
            }
        }

        /// <summary>For <c>foreach (var t in tasks)</c> after <c>await Task.WhenAll(tasks)</c>: the collection.</summary>
        private static ISymbol? ForEachCollection(ILocalReferenceOperation local)
        {
            for (var parent = local.Parent; parent != null; parent = parent.Parent)
            {
                if (parent is IForEachLoopOperation loop && loop.Locals.Contains(local.Local))
                {
                    return Referenced(loop.Collection);
                }
            }

            return null;
        }

        private static bool IsAwaitedBefore(ISymbol symbol, IOperation use)
        {
            var root = use;
            while (root.Parent != null)
            {
                root = root.Parent;
            }

            var position = use.Syntax.SpanStart;
            foreach (var descendant in root.Descendants())
            {
                if (descendant is IAwaitOperation awaited && awaited.Syntax.Span.End <= position && Covers(awaited.Operation, symbol))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The awaited expression is the task itself, or Task.WhenAll over it.</summary>
        private static bool Covers(IOperation? awaited, ISymbol symbol)
        {
            awaited = awaited == null ? null : Operations.WithoutConversions(awaited);
            if (awaited is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configure && configure.Instance != null)
            {
                awaited = Operations.WithoutConversions(configure.Instance);
            }

            if (awaited is IInvocationOperation { TargetMethod.Name: "WhenAll" } whenAll && IsTaskType(whenAll.TargetMethod.ContainingType))
            {
                foreach (var argument in whenAll.Arguments)
                {
                    var value = Operations.WithoutConversions(argument.Value);
                    if (value is IArrayCreationOperation { Initializer: { } initializer })
                    {
                        foreach (var element in initializer.ElementValues)
                        {
                            if (SymbolEqualityComparer.Default.Equals(Referenced(element), symbol))
                            {
                                return true;
                            }
                        }
                    }
                    else if (SymbolEqualityComparer.Default.Equals(Referenced(value), symbol))
                    {
                        return true;
                    }
                }

                return false;
            }

            return SymbolEqualityComparer.Default.Equals(Referenced(awaited), symbol);
        }

        /// <summary><c>t.IsCompleted ? t.Result : …</c>, <c>if (t.IsCompletedSuccessfully) … t.Result</c>, <c>t.IsCompleted &amp;&amp; t.Result</c>.</summary>
        private static bool IsGuarded(ISymbol symbol, IOperation use)
        {
            var child = use;
            for (var parent = use.Parent; parent != null; child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case IConditionalOperation conditional when conditional.WhenTrue == child && ChecksCompletion(conditional.Condition, symbol):
                        return true;
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } conjunction when conjunction.RightOperand == child && ChecksCompletion(conjunction.LeftOperand, symbol):
                        return true;
                }
            }

            return false;
        }

        private static bool ChecksCompletion(IOperation condition, ISymbol symbol)
        {
            foreach (var operation in condition.DescendantsAndSelf())
            {
                if (operation is IPropertyReferenceOperation { Property: { Name: "IsCompleted" or "IsCompletedSuccessfully" } } check
                    && SymbolEqualityComparer.Default.Equals(Referenced(check.Instance), symbol))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
