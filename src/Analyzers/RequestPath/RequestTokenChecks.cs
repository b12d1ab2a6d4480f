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
            if (token != null && !DetachedWork.IsInside(invocation) && !DetachedWork.IsDiscarded(invocation))
            {
                scope.Add(Descriptors.HK1006_RequestTokenNotPassed, invocation, method.ContainingType.Name + "." + method.Name,
                    CheckScope.Fix(RequestPathAnalyzer.FixPassToken).Add(RequestPathAnalyzer.TokenProperty, token), token);
            }
        }

        /// <summary>Task.Run, ContinueWith, StartNew: their token only stops the work from being scheduled.</summary>
        internal static bool OnlySchedules(IMethodSymbol method)
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
