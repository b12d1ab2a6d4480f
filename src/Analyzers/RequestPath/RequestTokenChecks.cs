using HerokuAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace HerokuAnalyzers.RequestPath
{
    /// <summary>
    /// HK1006: an awaitable call that could take a CancellationToken (a parameter left at its default,
    /// CancellationToken.None, or an overload with a trailing token) while the request's token is at hand.
    /// </summary>
    internal static class RequestTokenChecks
    {
        public static void CheckInvocation(IInvocationOperation invocation, CheckScope scope)
        {
            var method = invocation.TargetMethod;
            if (!scope.Symbols.IsAwaitable(method.ReturnType) || scope.Options.IsExcluded(method) || OnlySchedules(method))
            {
                return;
            }

            var hasTokenParameter = false;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter != null && SymbolEqualityComparer.Default.Equals(argument.Parameter.Type, scope.Symbols.CancellationToken))
                {
                    hasTokenParameter = true;
                    if (!IsNoToken(argument))
                    {
                        return;
                    }
                }
            }

            if (!hasTokenParameter && !scope.Twins.HasTokenOverload(method))
            {
                return;
            }

            var token = scope.RequestToken(invocation);
            if (token != null && !InDetachedWork(invocation))
            {
                scope.Add(Descriptors.HK1006_RequestTokenNotPassed, invocation, method.ContainingType.Name + "." + method.Name,
                    CheckScope.Fix(RequestPathAnalyzer.FixPassToken).Add(RequestPathAnalyzer.TokenProperty, token), token);
            }
        }

        /// <summary>
        /// Inside a lambda queued to the thread pool and not awaited (fire and forget): that work is meant to
        /// outlive the request, so the request's token would cancel it — or touch an HttpContext already
        /// recycled — instead of helping.
        /// </summary>
        private static bool InDetachedWork(IOperation at)
        {
            for (var parent = at.Parent; parent != null; parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation lambda && IsDetached(lambda))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsDetached(IAnonymousFunctionOperation lambda)
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

            if (!(OnlySchedules(method) && method.Name != "ContinueWith"))
            {
                return false;
            }

            IOperation use = schedule;
            while (use.Parent is IConversionOperation)
            {
                use = use.Parent;
            }

            return use.Parent is IExpressionStatementOperation
                   || use.Parent is ISimpleAssignmentOperation { Target: IDiscardOperation };
        }

        /// <summary>Task.Run, ContinueWith, StartNew: their token only stops the work from being scheduled.</summary>
        private static bool OnlySchedules(IMethodSymbol method)
        {
            var type = method.ContainingType;
            if (type?.ContainingNamespace?.ToDisplayString() != "System.Threading.Tasks")
            {
                return false;
            }

            return method.Name == "Run" || method.Name == "ContinueWith" || method.Name == "StartNew";
        }

        private static bool IsNoToken(IArgumentOperation argument)
        {
            if (argument.ArgumentKind == ArgumentKind.DefaultValue)
            {
                return true;
            }

            var value = argument.Value;
            while (value is IConversionOperation conversion)
            {
                value = conversion.Operand;
            }

            return value is IDefaultValueOperation
                   || value is IPropertyReferenceOperation { Property: { Name: "None", IsStatic: true } none } && none.ContainingType?.Name == "CancellationToken";
        }
    }
}
