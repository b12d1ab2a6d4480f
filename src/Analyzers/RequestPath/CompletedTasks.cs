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

            // static readonly Task<int> Zero = Task.FromResult(0); … Zero.Result
            if (task is IFieldReferenceOperation { Field: { IsReadOnly: true } field } && IsCompletedInitializer(field))
            {
                return true;
            }

            // var done = Task.FromResult(1); … done.Result
            if (task is ILocalReferenceOperation local && Operations.SingleInitializer(local) is IOperation initializer
                && !(Operations.WithoutConversions(initializer) is ILocalReferenceOperation) && IsCompletedByConstruction(initializer))
            {
                return true;
            }

            var symbol = Referenced(task);
            return symbol != null && (IsAwaitedBefore(symbol, use) || IsGuarded(symbol, use) || IsContinuationAntecedent(symbol, use));
        }

        /// <summary>A readonly field initialized with Task.FromResult(…) or Task.CompletedTask (read from the syntax: no semantic model here).</summary>
        private static bool IsCompletedInitializer(IFieldSymbol field)
        {
            if (field.DeclaringSyntaxReferences.Length != 1
                || !(field.DeclaringSyntaxReferences[0].GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax { Initializer: { } initializer }))
            {
                return false;
            }

            var text = initializer.Value.ToString();
            return (text.StartsWith("Task.FromResult", System.StringComparison.Ordinal) || text.StartsWith("ValueTask.FromResult", System.StringComparison.Ordinal))
                   && text.IndexOf('(') > 0 && text.EndsWith(")", System.StringComparison.Ordinal)
                   || text == "Task.CompletedTask" || text == "ValueTask.CompletedTask";
        }

        private static bool IsCompletedByConstruction(IOperation task)
        {
            switch (Operations.WithoutConversions(task))
            {
                case IInvocationOperation { TargetMethod.Name: "FromResult" } invocation when IsTaskType(invocation.TargetMethod.ContainingType):
                    return true;
                case IPropertyReferenceOperation { Property: { Name: "CompletedTask" } } property when IsTaskType(property.Property.ContainingType):
                    return true;
                case IObjectCreationOperation creation when IsTaskType(creation.Type):
                    return creation.Arguments.Length == 1 && !IsTaskType(creation.Arguments[0].Value.Type)
                           && creation.Constructor?.Parameters[0].Type.TypeKind != TypeKind.Interface;
                default:
                    return false;
            }
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

                    if (outer is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
                    {
                        // Func<Task<int>, int> read = t => t.Result; task.ContinueWith(read);
                        return IsGivenToContinueWith(declarator.Symbol, lambda);
                    }

                    return IsContinueWith(outer);
                }
            }

            return false;
        }

        private static bool IsContinueWith(IOperation? operation)
            => operation is IInvocationOperation { TargetMethod.Name: "ContinueWith" } continuation && IsTaskType(continuation.TargetMethod.ContainingType);

        /// <summary>The local holding the continuation is passed to ContinueWith, and never given anything else.</summary>
        private static bool IsGivenToContinueWith(ILocalSymbol local, IOperation lambda)
        {
            var passed = false;
            foreach (var operation in Operations.Root(lambda).Descendants())
            {
                if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    var user = reference.Parent;
                    while (user is IConversionOperation || user is IDelegateCreationOperation)
                    {
                        user = user.Parent;
                    }

                    if (user is IArgumentOperation argument && IsContinueWith(argument.Parent))
                    {
                        passed = true;
                    }
                    else if (user is IInvocationOperation { TargetMethod.MethodKind: MethodKind.DelegateInvoke } || user is IAssignmentOperation || user is IArgumentOperation)
                    {
                        // Called directly or handed elsewhere: its parameter may be any task.
                        return false;
                    }
                }
            }

            return passed;
        }

        private static bool IsTaskType(ITypeSymbol? type)
            => type != null && (type.Name == "Task" || type.Name == "ValueTask") && type.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks";

        /// <summary>The local, parameter or field a task expression reads, seeing through tasks[i] and foreach variables.</summary>
        internal static ISymbol? Referenced(IOperation? operation)
        {
            operation = operation == null ? null : Operations.WithoutConversions(operation);
            switch (operation)
            {
                case ILocalReferenceOperation local:
                    return ForEachCollection(local) ?? local.Local;
                case IParameterReferenceOperation parameter:
                    return LinqElementSource(parameter) ?? parameter.Parameter;
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

        /// <summary>For <c>tasks.Select(t =&gt; t.Result)</c>: the collection the lambda's parameter ranges over.</summary>
        private static ISymbol? LinqElementSource(IParameterReferenceOperation reference)
        {
            for (var parent = reference.Parent; parent != null; parent = parent.Parent)
            {
                if (!(parent is IAnonymousFunctionOperation lambda) || !SymbolEqualityComparer.Default.Equals(lambda.Symbol, reference.Parameter.ContainingSymbol))
                {
                    continue;
                }

                if (lambda.Symbol.Parameters.Length == 0 || !SymbolEqualityComparer.Default.Equals(lambda.Symbol.Parameters[0], reference.Parameter))
                {
                    return null;
                }

                var outer = lambda.Parent;
                while (outer is IDelegateCreationOperation || outer is IConversionOperation)
                {
                    outer = outer.Parent;
                }

                if (outer is IArgumentOperation { Parent: IInvocationOperation linq } argument && argument != linq.Arguments[0] && IsEnumerableOperator(linq.TargetMethod))
                {
                    return Referenced(CollectionRoot(linq.Arguments[0].Value));
                }

                return null;
            }

            return null;
        }

        private static bool IsEnumerableOperator(IMethodSymbol method)
        {
            method = method.ReducedFrom ?? method;
            return method.IsExtensionMethod && method.ContainingType?.Name == "Enumerable" && method.ContainingType.ContainingNamespace?.ToDisplayString() == "System.Linq";
        }

        /// <summary><c>tasks</c> for <c>tasks.ToArray()</c>, <c>tasks.Select(…)</c>, <c>byId.Values</c>: the collection the tasks are kept in.</summary>
        private static IOperation CollectionRoot(IOperation value)
        {
            for (var depth = 0; depth < 8; depth++)
            {
                value = Operations.WithoutConversions(value);
                switch (value)
                {
                    case IInvocationOperation invocation when IsEnumerableOperator(invocation.TargetMethod) && invocation.Arguments.Length > 0:
                        value = invocation.Arguments[0].Value;
                        continue;
                    case IPropertyReferenceOperation { Property: { Name: "Values" }, Instance: { } instance }:
                        value = instance;
                        continue;
                    default:
                        return value;
                }
            }

            return value;
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

        /// <summary>
        /// Awaited (or waited for: the first wait is the finding, not the reads after it) before the use, and not
        /// given another task since: <c>await t; t = Next(); t.Result</c> blocks again. Source order stands in
        /// for flow.
        /// </summary>
        private static bool IsAwaitedBefore(ISymbol symbol, IOperation use)
        {
            var position = use.Syntax.SpanStart;
            var lastCompletion = -1;
            var lastWrite = -1;
            foreach (var descendant in Operations.Root(use).Descendants())
            {
                var end = descendant.Syntax.Span.End;
                if (end > position)
                {
                    continue;
                }

                switch (descendant)
                {
                    case IAwaitOperation awaited when Covers(awaited.Operation, symbol):
                        lastCompletion = System.Math.Max(lastCompletion, end);
                        break;
                    case IInvocationOperation invocation when WaitsFor(invocation, symbol):
                        lastCompletion = System.Math.Max(lastCompletion, end);
                        break;
                    case ISimpleAssignmentOperation assignment when IsDirect(assignment.Target, symbol):
                        if (IsCompletedByConstruction(assignment.Value))
                        {
                            lastCompletion = System.Math.Max(lastCompletion, end);
                        }
                        else
                        {
                            lastWrite = System.Math.Max(lastWrite, end);
                        }

                        break;
                    case IArgumentOperation { Parameter: { RefKind: RefKind.Ref or RefKind.Out } } byRef when IsDirect(byRef.Value, symbol):
                        lastWrite = System.Math.Max(lastWrite, end);
                        break;
                }
            }

            return lastCompletion > lastWrite;
        }

        /// <summary>The variable itself (not an element of it): what an assignment replaces.</summary>
        private static bool IsDirect(IOperation target, ISymbol symbol)
        {
            var symbolOfTarget = Operations.WithoutConversions(target) switch
            {
                ILocalReferenceOperation local => (ISymbol)local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,
                IFieldReferenceOperation field => field.Field,
                _ => null,
            };
            return SymbolEqualityComparer.Default.Equals(symbolOfTarget, symbol);
        }

        /// <summary><c>t.Wait()</c>, <c>t.Wait(token)</c>, <c>Task.WaitAll(t1, t2)</c>, <c>t.GetAwaiter().GetResult()</c>: no timeout, so the task is complete after it.</summary>
        private static bool WaitsFor(IInvocationOperation invocation, ISymbol symbol)
        {
            var method = invocation.TargetMethod;
            switch (method.Name)
            {
                case "Wait" when !method.IsStatic && IsTaskType(method.ContainingType) && NoTimeout(invocation):
                    // t.Wait(), and Task.WhenAll(a, b).Wait() for a and b.
                    return Covers(invocation.Instance, symbol);
                case "WaitAll" when method.IsStatic && IsTaskType(method.ContainingType) && NoTimeout(invocation):
                    return CoversArguments(invocation, symbol);
                case "GetResult" when invocation.Instance is IInvocationOperation { TargetMethod.Name: "GetAwaiter" } getAwaiter:
                    return Covers(getAwaiter.Instance, symbol);
                default:
                    return false;
            }
        }

        private static bool NoTimeout(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                var type = argument.Parameter?.Type;
                if (type != null && (type.SpecialType == SpecialType.System_Int32 || type.Name == "TimeSpan"))
                {
                    return false;
                }
            }

            return true;
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
                return CoversArguments(whenAll, symbol);
            }

            return SymbolEqualityComparer.Default.Equals(Referenced(awaited), symbol);
        }

        /// <summary>
        /// WhenAll/WaitAll over the task: as a params element, or over anything built from it — an array, list or
        /// collection expression holding it, the collection itself, <c>tasks.Select(…)</c>, <c>byId.Values</c>.
        /// </summary>
        private static bool CoversArguments(IInvocationOperation invocation, ISymbol symbol)
        {
            foreach (var argument in invocation.Arguments)
            {
                foreach (var operation in argument.Value.DescendantsAndSelf())
                {
                    if ((operation is ILocalReferenceOperation || operation is IParameterReferenceOperation || operation is IFieldReferenceOperation)
                        && SymbolEqualityComparer.Default.Equals(Referenced(operation), symbol))
                    {
                        return true;
                    }
                }
            }

            return false;
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
