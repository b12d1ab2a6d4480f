using Microsoft.Extensions.Caching.Memory;

namespace ConsistencyApp.Caching;

/// <summary>Two caches of the app's own: one unbounded, one with a SizeLimit.</summary>
public static class PageCache
{
    public static readonly MemoryCache Pages = new MemoryCache(new MemoryCacheOptions());

    public static readonly MemoryCache Thumbnails = new MemoryCache(new MemoryCacheOptions { SizeLimit = 1024 });

    public static string Render(string path)
        => Pages.GetOrCreate(path, entry => path.ToUpperInvariant())!;
}
