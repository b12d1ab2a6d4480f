using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis;

namespace HerokuAnalyzers.RequestPath
{
    /// <summary>
    /// Work a handler starts and does not wait for (fire and forget): it outlives the request, so the
    /// request's token would cancel it — or reach an HttpContext already recycled — instead of helping.
    /// Only HK1006 treats it differently; blocking in it still ties up a pool thread.
    /// </summary>
    internal static class DetachedWork
    {
        /// <summary>
        /// A call whose work is not waited for by the function it is written in: an awaitable whose task is
        /// discarded (<c>Echo(ws);</c>, <c>_ = Echo(ws);</c>), or any call inside fire-and-forget work.
        /// </summary>
        public static bool Starts(IInvocationOperation invocation, RequestPathSymbols symbols)
            => symbols.IsAwaitable(invocation.TargetMethod.ReturnType) && IsDiscarded(invocation) || IsInside(invocation);

        /// <summary>Inside a lambda queued to the thread pool and not awaited.</summary>
        public static bool IsInside(IOperation at)
        {
            for (var parent = at.Parent; parent != null; parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation lambda && IsQueuedAndForgotten(lambda))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Neither awaited, stored, returned nor passed on: its result is dropped where it is made.</summary>
        public static bool IsDiscarded(IOperation value)
        {
            while (value.Parent is IConversionOperation)
            {
                value = value.Parent;
            }

            return value.Parent is IExpressionStatementOperation
                   || value.Parent is ISimpleAssignmentOperation { Target: IDiscardOperation };
        }

        private static bool IsQueuedAndForgotten(IAnonymousFunctionOperation lambda)
        {
            var parent = lambda.Parent;
            while (parent is IDelegateCreationOperation || parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            if (!(parent is IArgumentOperation { Parent: IInvocationOperation schedule }))
            {
                return false;
            }

            var method = schedule.TargetMethod;
            var type = method.ContainingType;
            if (type?.ContainingNamespace?.ToDisplayString() == "System.Threading" && type.Name == "ThreadPool")
            {
                return method.Name == "QueueUserWorkItem" || method.Name == "UnsafeQueueUserWorkItem";
            }

            return RequestTokenChecks.OnlySchedules(method) && method.Name != "ContinueWith" && IsDiscarded(schedule);
        }
    }
}
