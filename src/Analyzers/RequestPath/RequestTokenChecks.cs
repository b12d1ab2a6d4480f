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
            if (token != null && !DetachedWork.IsInside(invocation) && !DetachedWork.IsDiscarded(invocation) && !WritesToResponse(invocation))
            {
                scope.Add(Descriptors.HK1006_RequestTokenNotPassed, invocation, method.ContainingType.Name + "." + method.Name,
                    CheckScope.Fix(RequestPathAnalyzer.FixPassToken).Add(RequestPathAnalyzer.TokenProperty, token), token);
            }
        }

        /// <summary>
        /// <c>Response.WriteAsync(…)</c>, <c>Response.Body.WriteAsync(…)</c>, <c>Response.BodyWriter.FlushAsync()</c>,
        /// <c>Response.WriteAsJsonAsync(…)</c>: writing to a client that left fails at once, so this work cannot
        /// run on after the request and the token adds nothing.
        /// </summary>
        private static bool WritesToResponse(IInvocationOperation invocation)
        {
            if (invocation.Instance != null && IsResponse(invocation.Instance))
            {
                return true;
            }

            // Response.WriteAsync(…) (an extension), stream.CopyToAsync(Response.Body), JsonSerializer.SerializeAsync(Response.Body, …).
            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.DefaultValue && argument.Value.Type?.IsReferenceType == true && IsResponse(argument.Value))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The response, its Body or BodyWriter, or a writer made over them, seen through locals assigned once.</summary>
        private static bool IsResponse(IOperation? value)
        {
            for (var depth = 0; value != null && depth < 4; depth++)
            {
                value = Operations.WithoutConversions(value);
                if (IsHttpResponse(value.Type))
                {
                    return true;
                }

                switch (value)
                {
                    case IPropertyReferenceOperation { Property: { Name: "Body" or "BodyWriter" } property } when IsHttpResponse(property.ContainingType):
                        return true;
                    case ILocalReferenceOperation local:
                        value = Operations.SingleInitializer(local);
                        continue;
                    case IObjectCreationOperation { Arguments: { Length: > 0 } arguments }:
                        // new StreamWriter(Response.Body): a writer over the response.
                        value = arguments[0].Value;
                        continue;
                    default:
                        return false;
                }
            }

            return false;
        }

        private static bool IsHttpResponse(ITypeSymbol? type)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                if (current.Name == "HttpResponse" && current.ContainingNamespace?.ToDisplayString() == "Microsoft.AspNetCore.Http")
                {
                    return true;
                }
            }

            return false;
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
