using HerokuAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace HerokuAnalyzers.Memory
{
    /// <summary>
    /// What code sets on a MemoryCacheOptions, MemoryCacheEntryOptions or ICacheEntry: its size limit,
    /// its size, and whether it expires. Follows object initializers, the fluent Set* extensions,
    /// locals assigned once and the entry parameter of a GetOrCreate factory.
    /// </summary>
    internal readonly struct CacheSettings
    {
        private const int MaxDepth = 6;

        public CacheSettings(Knowledge sizeLimit, Knowledge size, Knowledge expiration)
        {
            SizeLimit = sizeLimit;
            Size = size;
            Expiration = expiration;
        }

        public static CacheSettings None => new CacheSettings(Knowledge.No, Knowledge.No, Knowledge.No);

        public static CacheSettings Unknown => new CacheSettings(Knowledge.Unknown, Knowledge.Unknown, Knowledge.Unknown);

        public Knowledge SizeLimit { get; }

        public Knowledge Size { get; }

        public Knowledge Expiration { get; }

        /// <summary>The settings of the object <paramref name="value"/> evaluates to.</summary>
        public static CacheSettings Of(IOperation value) => Of(value, 0);

        /// <summary>What the code under <paramref name="scope"/> sets through <paramref name="symbol"/> (a local or parameter).</summary>
        public static CacheSettings AppliedThrough(IOperation scope, ISymbol symbol, CacheSettings start)
        {
            var settings = start;
            foreach (var reference in OperationFacts.References(scope, symbol))
            {
                settings = settings.Apply(reference);
            }

            return settings;
        }

        /// <summary>Follows a chain of fluent calls up from an entry or options object to the end of the chain.</summary>
        public static CacheSettings AlongChain(IOperation value, CacheSettings start)
        {
            var settings = start;
            var current = value;
            while (current.Parent is IArgumentOperation { Parameter: { Ordinal: 0 } } argument
                   && argument.Parent is IInvocationOperation { TargetMethod: { IsExtensionMethod: true } } call
                   && IsCachingApi(call.TargetMethod))
            {
                settings = settings.Called(call, 0);
                current = call;
            }

            return settings;
        }

        private static CacheSettings Of(IOperation value, int depth)
        {
            value = Operations.WithoutConversions(value);
            if (depth > MaxDepth)
            {
                return Unknown;
            }

            switch (value)
            {
                case IObjectCreationOperation creation:
                    var settings = None;
                    if (creation.Initializer != null)
                    {
                        foreach (var initializer in creation.Initializer.Initializers)
                        {
                            switch (initializer)
                            {
                                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment:
                                    settings = settings.With(property.Property.Name, OperationFacts.IsSet(assignment.Value));
                                    break;
                                case IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation member }:
                                    settings = settings.With(member.Property.Name, Knowledge.Yes);
                                    break;
                            }
                        }
                    }

                    return settings;

                case IInvocationOperation { TargetMethod: { IsExtensionMethod: true } } call when call.Arguments.Length > 0 && IsCachingApi(call.TargetMethod):
                    return Of(Receiver(call), depth + 1).Called(call, depth);

                case IInvocationOperation { TargetMethod: { Name: "Create" } } create when create.Arguments.Length == 1
                                                                                     && create.TargetMethod.ContainingType?.ToDisplayString() == "Microsoft.Extensions.Options.Options":
                    return Of(create.Arguments[0].Value, depth + 1);

                case ILocalReferenceOperation local when Operations.SingleInitializer(local) is IOperation initial:
                    return AppliedThrough(Operations.Root(local), local.Local, Of(initial, depth + 1));

                default:
                    return Unknown;
            }
        }

        private static IOperation Receiver(IInvocationOperation call)
        {
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter?.Ordinal == 0)
                {
                    return argument.Value;
                }
            }

            return call.Arguments[0].Value;
        }

        private static bool IsCachingApi(IMethodSymbol method)
            => method.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.Caching.Memory";

        /// <summary>One use of the local or parameter that holds the object.</summary>
        private CacheSettings Apply(IOperation reference)
        {
            IOperation used = reference;
            while (used.Parent is IConversionOperation conversion)
            {
                used = conversion;
            }

            switch (used.Parent)
            {
                case IPropertyReferenceOperation property when property.Instance == used:
                    if (property.Parent is ISimpleAssignmentOperation assignment && assignment.Target == property)
                    {
                        return With(property.Property.Name, OperationFacts.IsSet(assignment.Value));
                    }

                    if (property.Property.Name == "ExpirationTokens" && property.Parent is IInvocationOperation { TargetMethod: { Name: "Add" } })
                    {
                        return With("ExpirationTokens", Knowledge.Yes);
                    }

                    return this;

                case IArgumentOperation argument:
                    if (argument.Parent is IInvocationOperation call && call.TargetMethod.IsExtensionMethod
                        && argument.Parameter?.Ordinal == 0 && IsCachingApi(call.TargetMethod))
                    {
                        return AlongChain(call, Called(call, 0));
                    }

                    // Handing the object to framework code (new MemoryCache(options), cache.Set(key, value, options))
                    // reads it; handing it to the application's own helper may change anything.
                    var callee = (argument.Parent as IInvocationOperation)?.TargetMethod ?? (argument.Parent as IObjectCreationOperation)?.Constructor;
                    var calleeNamespace = callee?.ContainingNamespace?.ToDisplayString();
                    return calleeNamespace == "Microsoft.Extensions.Caching.Memory" || calleeNamespace == "Microsoft.Extensions.Options"
                        ? this
                        : Unknown;

                case IReturnOperation _:
                case ISimpleAssignmentOperation _:
                case IVariableInitializerOperation _:
                    return Unknown;

                default:
                    return this;
            }
        }

        private CacheSettings Called(IInvocationOperation call, int depth)
        {
            switch (call.TargetMethod.Name)
            {
                case "SetSize":
                    return With("Size", Knowledge.Yes);
                case "SetAbsoluteExpiration":
                case "SetSlidingExpiration":
                case "AddExpirationToken":
                    return With("ExpirationTokens", Knowledge.Yes);
                case "SetOptions":
                    var options = call.Arguments.Length > 1 ? Of(call.Arguments[1].Value, depth + 1) : Unknown;
                    return new CacheSettings(SizeLimit, OperationFacts.Merge(Size, options.Size), OperationFacts.Merge(Expiration, options.Expiration));
                case "SetPriority":
                case "SetValue":
                case "RegisterPostEvictionCallback":
                    return this;
                default:
                    return Unknown;
            }
        }

        private CacheSettings With(string property, Knowledge value)
        {
            switch (property)
            {
                case "SizeLimit":
                    return new CacheSettings(value == Knowledge.No ? SizeLimit : OperationFacts.Merge(SizeLimit, value), Size, Expiration);
                case "Size":
                    return new CacheSettings(SizeLimit, value == Knowledge.No ? Size : OperationFacts.Merge(Size, value), Expiration);
                case "AbsoluteExpiration":
                case "AbsoluteExpirationRelativeToNow":
                case "SlidingExpiration":
                case "ExpirationTokens":
                    return new CacheSettings(SizeLimit, Size, value == Knowledge.No ? Expiration : OperationFacts.Merge(Expiration, value));
                default:
                    return this;
            }
        }
    }
}
