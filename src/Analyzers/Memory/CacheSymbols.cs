using HerokuAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;

namespace HerokuAnalyzers.Memory
{
    /// <summary>The Microsoft.Extensions.Caching.Memory types HK2002–HK2004 read, resolved once per compilation.</summary>
    internal sealed class CacheSymbols
    {
        private CacheSymbols(Compilation compilation, INamedTypeSymbol memoryCacheInterface)
        {
            IMemoryCache = memoryCacheInterface;
            MemoryCache = KnownTypes.Get(compilation, "Microsoft.Extensions.Caching.Memory.MemoryCache");
            MemoryCacheOptions = KnownTypes.Get(compilation, "Microsoft.Extensions.Caching.Memory.MemoryCacheOptions");
            EntryOptions = KnownTypes.Get(compilation, "Microsoft.Extensions.Caching.Memory.MemoryCacheEntryOptions");
            CacheEntry = KnownTypes.Get(compilation, "Microsoft.Extensions.Caching.Memory.ICacheEntry");
            CacheExtensions = KnownTypes.Get(compilation, "Microsoft.Extensions.Caching.Memory.CacheExtensions");
            RegistrationExtensions = KnownTypes.Get(compilation, "Microsoft.Extensions.DependencyInjection.MemoryCacheServiceCollectionExtensions");
            Options = KnownTypes.Get(compilation, "Microsoft.Extensions.Options.Options");
        }

        public INamedTypeSymbol IMemoryCache { get; }

        public INamedTypeSymbol? MemoryCache { get; }

        public INamedTypeSymbol? MemoryCacheOptions { get; }

        public INamedTypeSymbol? EntryOptions { get; }

        public INamedTypeSymbol? CacheEntry { get; }

        /// <summary>Set, GetOrCreate, GetOrCreateAsync.</summary>
        public INamedTypeSymbol? CacheExtensions { get; }

        /// <summary>AddMemoryCache.</summary>
        public INamedTypeSymbol? RegistrationExtensions { get; }

        /// <summary>Options.Create.</summary>
        public INamedTypeSymbol? Options { get; }

        /// <summary>Null when the compilation does not reference Microsoft.Extensions.Caching.Memory.</summary>
        public static CacheSymbols? TryCreate(Compilation compilation)
            => KnownTypes.Get(compilation, "Microsoft.Extensions.Caching.Memory.IMemoryCache") is INamedTypeSymbol cache
               ? new CacheSymbols(compilation, cache)
               : null;

        public bool IsCache(ITypeSymbol? type)
        {
            if (type == null)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(type, IMemoryCache))
            {
                return true;
            }

            foreach (var @interface in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(@interface, IMemoryCache))
                {
                    return true;
                }
            }

            return false;
        }

        public static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected)
            => expected != null && SymbolEqualityComparer.Default.Equals(type?.OriginalDefinition, expected);
    }
}
