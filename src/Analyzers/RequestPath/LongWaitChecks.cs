using System.Globalization;
using HerokuAnalyzers.Heroku;
using HerokuAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace HerokuAnalyzers.RequestPath
{
    /// <summary>
    /// HK1004: a constant wait longer than the router's first-byte limit — Task.Delay, CancelAfter,
    /// new CancellationTokenSource(…), HttpClient.Timeout, DbCommand.CommandTimeout (seconds, 0 = none).
    /// </summary>
    internal static class LongWaitChecks
    {
        public static void CheckInvocation(IInvocationOperation invocation, CheckScope scope)
        {
            var method = invocation.TargetMethod;
            if (invocation.Arguments.Length == 0 || scope.Options.IsExcluded(method))
            {
                return;
            }

            var isDelay = method.Name == "Delay" && SymbolEqualityComparer.Default.Equals(method.ContainingType, scope.Symbols.Task);
            var isCancelAfter = method.Name == "CancelAfter" && SymbolEqualityComparer.Default.Equals(method.ContainingType, scope.Symbols.CancellationTokenSource);
            if (isDelay && IsCancellationWatcher(invocation))
            {
                return;
            }

            if (isDelay || isCancelAfter)
            {
                Check(invocation.Arguments[0].Value, Durations.Unit.Milliseconds, method.ContainingType.Name + "." + method.Name, scope);
            }
        }

        /// <summary>
        /// <c>Task.WhenAny(work, Task.Delay(Timeout.Infinite, token))</c>: an endless delay raced against other
        /// work only watches the token; the request waits for the work, not for the delay.
        /// </summary>
        private static bool IsCancellationWatcher(IInvocationOperation delay)
        {
            if (!(Durations.Seconds(delay.Arguments[0].Value, Durations.Unit.Milliseconds) is double seconds) || !double.IsPositiveInfinity(seconds))
            {
                return false;
            }

            var use = SkipConversionsUp(delay);
            if (IsWhenAnyArgument(use))
            {
                return true;
            }

            if (!(use.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }))
            {
                return false;
            }

            IOperation body = declarator;
            while (body.Parent != null)
            {
                body = body.Parent;
            }

            foreach (var operation in body.Descendants())
            {
                if (operation is ILocalReferenceOperation reference
                    && SymbolEqualityComparer.Default.Equals(reference.Local, declarator.Symbol)
                    && IsWhenAnyArgument(SkipConversionsUp(reference)))
                {
                    return true;
                }
            }

            return false;
        }

        private static IOperation SkipConversionsUp(IOperation operation)
        {
            while (operation.Parent is IConversionOperation)
            {
                operation = operation.Parent;
            }

            return operation;
        }

        /// <summary>An argument of Task.WhenAny, directly or as an element of its params array.</summary>
        private static bool IsWhenAnyArgument(IOperation operation)
        {
            var parent = operation.Parent;
            if (parent is IArrayInitializerOperation { Parent: IArrayCreationOperation array })
            {
                parent = array.Parent;
            }

            return parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { Name: "WhenAny" } whenAny } }
                   && whenAny.ContainingType?.Name == "Task"
                   && whenAny.ContainingType.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks";
        }

        public static void CheckCreation(IObjectCreationOperation creation, CheckScope scope)
        {
            if (creation.Arguments.Length == 1 && SymbolEqualityComparer.Default.Equals(creation.Type, scope.Symbols.CancellationTokenSource))
            {
                Check(creation.Arguments[0].Value, Durations.Unit.Milliseconds, "new CancellationTokenSource", scope);
            }
        }

        public static void CheckAssignment(ISimpleAssignmentOperation assignment, CheckScope scope)
        {
            if (!(assignment.Target is IPropertyReferenceOperation { Property: { } property }))
            {
                return;
            }

            if (property.Name == "Timeout" && RequestHandlers.DerivesFrom(property.ContainingType, scope.Symbols.HttpClient))
            {
                Check(assignment.Value, Durations.Unit.Milliseconds, "HttpClient.Timeout", scope);
            }
            else if (property.Name == "CommandTimeout"
                     && (RequestHandlers.DerivesFrom(property.ContainingType, scope.Symbols.DbCommand) || RequestHandlers.IsOrImplements(property.ContainingType, scope.Symbols.DbCommandInterface)))
            {
                // CommandTimeout counts seconds, and 0 means "wait forever".
                if (assignment.Value.ConstantValue.Value is int seconds && seconds == 0)
                {
                    Report(assignment.Value, double.PositiveInfinity, property.ContainingType.Name + ".CommandTimeout", scope);
                    return;
                }

                Check(assignment.Value, Durations.Unit.Seconds, property.ContainingType.Name + ".CommandTimeout", scope);
            }
        }

        private static void Check(IOperation value, Durations.Unit unit, string what, CheckScope scope)
        {
            var seconds = Durations.Seconds(value, unit);
            if (seconds is double known && known > scope.Options.RouterLimitSeconds)
            {
                Report(value, known, what, scope);
            }
        }

        private static void Report(IOperation value, double seconds, string what, CheckScope scope)
            => scope.Add(
                Descriptors.HK1004_WaitLongerThanRouter,
                value,
                what,
                null,
                Durations.Describe(seconds),
                scope.Options.RouterLimitSeconds.ToString(CultureInfo.InvariantCulture),
                HerokuFacts.RouterFirstByteTimeoutSeconds.ToString(CultureInfo.InvariantCulture));
    }
}
