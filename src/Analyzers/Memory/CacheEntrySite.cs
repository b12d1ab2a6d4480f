using HerokuAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace HerokuAnalyzers.Memory
{
    /// <summary>One call that puts an entry into a MemoryCache: Set, GetOrCreate(Async) or CreateEntry.</summary>
    internal sealed class CacheEntrySite
    {
        /// <summary><c>cache.Set(key, value)</c>: an options argument can be added.</summary>
        public const string FixSetArgument = "SetArgument";

        /// <summary><c>cache.Set(key, value, new MemoryCacheEntryOptions …)</c>: the initializer can take a setting.</summary>
        public const string FixOptionsInitializer = "OptionsInitializer";

        /// <summary><c>cache.GetOrCreate(key, entry => …)</c>: the factory can set the entry.</summary>
        public const string FixFactory = "Factory";

        private CacheEntrySite(string api, IInvocationOperation invocation, IOperation receiver, CacheSettings settings, string? fixKind)
        {
            Api = api;
            Invocation = invocation;
            Receiver = receiver;
            Settings = settings;
            FixKind = fixKind;
        }

        /// <summary>How the call is named in messages.</summary>
        public string Api { get; }

        public IInvocationOperation Invocation { get; }

        /// <summary>The cache the entry goes into.</summary>
        public IOperation Receiver { get; }

        /// <summary>Size and expiration of the entry.</summary>
        public CacheSettings Settings { get; }

        /// <summary>How a fix can add a setting to this entry, or null when it cannot.</summary>
        public string? FixKind { get; }

        public static CacheEntrySite? TryCreate(IInvocationOperation invocation, CacheSymbols symbols)
        {
            var method = invocation.TargetMethod;
            if (CacheSymbols.Is(method.ContainingType, symbols.CacheExtensions))
            {
                var receiver = Argument(invocation, 0);
                if (receiver == null)
                {
                    return null;
                }

                switch (method.Name)
                {
                    case "Set":
                        var options = Argument(invocation, 3);
                        if (options == null)
                        {
                            return new CacheEntrySite("Set", invocation, receiver, CacheSettings.None, FixSetArgument);
                        }

                        if (!CacheSymbols.Is(options.Type, symbols.EntryOptions))
                        {
                            // The DateTimeOffset, TimeSpan and IChangeToken overloads all make the entry expire.
                            return new CacheEntrySite("Set", invocation, receiver, new CacheSettings(Knowledge.No, Knowledge.No, Knowledge.Yes), null);
                        }

                        var created = Operations.WithoutConversions(options) is IObjectCreationOperation;
                        return new CacheEntrySite("Set", invocation, receiver, CacheSettings.Of(options), created ? FixOptionsInitializer : null);

                    case "GetOrCreate":
                    case "GetOrCreateAsync":
                        var factory = Argument(invocation, 2);
                        if (factory != null && Operations.WithoutConversions(factory) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }
                            && lambda.Symbol.Parameters.Length == 1)
                        {
                            return new CacheEntrySite(method.Name, invocation, receiver, CacheSettings.AppliedThrough(lambda.Body, lambda.Symbol.Parameters[0], CacheSettings.None), FixFactory);
                        }

                        return new CacheEntrySite(method.Name, invocation, receiver, CacheSettings.Unknown, null);

                    default:
                        return null;
                }
            }

            if (method.Name == "CreateEntry" && invocation.Instance != null && symbols.IsCache(method.ContainingType))
            {
                return new CacheEntrySite("CreateEntry", invocation, invocation.Instance, CreatedEntrySettings(invocation), null);
            }

            return null;
        }

        /// <summary><c>using var entry = cache.CreateEntry(key); entry.Size = 1;</c> or a fluent chain on the result.</summary>
        private static CacheSettings CreatedEntrySettings(IInvocationOperation createEntry)
        {
            IOperation used = createEntry;
            while (used.Parent is IConversionOperation conversion)
            {
                used = conversion;
            }

            if (used.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
            {
                return CacheSettings.AppliedThrough(Operations.Root(createEntry), declarator.Symbol, CacheSettings.None);
            }

            if (used.Parent is IArgumentOperation)
            {
                return CacheSettings.AlongChain(used, CacheSettings.None);
            }

            return CacheSettings.Unknown;
        }

        private static IOperation? Argument(IInvocationOperation invocation, int ordinal)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Ordinal == ordinal && argument.ArgumentKind != ArgumentKind.DefaultValue)
                {
                    return argument.Value;
                }
            }

            return null;
        }
    }
}
