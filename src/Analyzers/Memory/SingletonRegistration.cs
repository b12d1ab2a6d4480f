using HerokuAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace HerokuAnalyzers.Memory
{
    /// <summary>
    /// The class a DI registration keeps for the lifetime of the host: AddSingleton, TryAddSingleton,
    /// their keyed forms, and AddHostedService.
    /// </summary>
    internal static class SingletonRegistration
    {
        public static INamedTypeSymbol? ImplementationType(IInvocationOperation invocation, INamedTypeSymbol serviceCollection)
        {
            var method = invocation.TargetMethod;
            switch (method.Name)
            {
                case "AddSingleton":
                case "TryAddSingleton":
                case "AddKeyedSingleton":
                case "TryAddKeyedSingleton":
                case "AddHostedService":
                    break;
                default:
                    return null;
            }

            var definition = method.ReducedFrom ?? method;
            if (!definition.IsExtensionMethod || definition.Parameters.Length == 0
                || !SymbolEqualityComparer.Default.Equals(definition.Parameters[0].Type, serviceCollection))
            {
                return null;
            }

            if (method.TypeArguments.Length == 2)
            {
                return AsClass(method.TypeArguments[1]);
            }

            foreach (var argument in invocation.Arguments)
            {
                switch (argument.Parameter?.Name)
                {
                    case "implementationInstance":
                        return AsClass(Operations.WithoutConversions(argument.Value).Type);
                    case "implementationFactory":
                        return FactoryResult(argument.Value) ?? (method.TypeArguments.Length == 1 ? AsClass(method.TypeArguments[0]) : null);
                    case "implementationType":
                        return Operations.WithoutConversions(argument.Value) is ITypeOfOperation typeOf ? AsClass(typeOf.TypeOperand) : null;
                }
            }

            if (method.TypeArguments.Length == 1)
            {
                return AsClass(method.TypeArguments[0]);
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == "serviceType" && Operations.WithoutConversions(argument.Value) is ITypeOfOperation typeOf)
                {
                    return AsClass(typeOf.TypeOperand);
                }
            }

            return null;
        }

        /// <summary>The class a factory lambda creates, when every return creates the same one.</summary>
        private static INamedTypeSymbol? FactoryResult(IOperation factory)
        {
            if (!(Operations.WithoutConversions(factory) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }))
            {
                return null;
            }

            INamedTypeSymbol? result = null;
            foreach (var operation in lambda.Body.Descendants())
            {
                if (operation is IReturnOperation { ReturnedValue: IOperation returned })
                {
                    var type = AsClass(Operations.WithoutConversions(returned).Type);
                    if (type == null || (result != null && !SymbolEqualityComparer.Default.Equals(result, type)))
                    {
                        return null;
                    }

                    result = type;
                }
            }

            return result;
        }

        private static INamedTypeSymbol? AsClass(ITypeSymbol? type)
            => type is INamedTypeSymbol { TypeKind: TypeKind.Class } named ? named.OriginalDefinition : null;
    }
}
