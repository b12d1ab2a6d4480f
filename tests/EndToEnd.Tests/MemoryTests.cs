using HerokuAnalyzers.EndToEnd.Tests.Infrastructure;

namespace HerokuAnalyzers.EndToEnd.Tests;

/// <summary>The R14 rules through the packed package.</summary>
[Collection(PackageCollection.Name)]
public sealed class MemoryTests
{
    private readonly PackedPackage _package;

    public MemoryTests(PackedPackage package) => _package = package;

    [Fact]
    public void Unbounded_caches_and_growing_collections_are_reported()
    {
        var app = _package.CreateConsumer("r14").AddWebProject();
        app.Write("App/Program.cs", """
            using Microsoft.Extensions.Caching.Memory;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddMemoryCache();
            var app = builder.Build();
            app.MapGet("/seen/{id}", (int id) => Seen.Remember(id));
            app.MapGet("/price/{sku}", (string sku, IMemoryCache cache) => cache.Set(sku, sku.Length));
            var bounded = new MemoryCache(new MemoryCacheOptions { SizeLimit = 100 });
            bounded.Set("k", 1);
            app.Run();

            static class Seen
            {
                private static readonly System.Collections.Generic.List<int> Ids = new();

                public static int Remember(int id)
                {
                    Ids.Add(id);
                    return Ids.Count;
                }
            }
            """);

        var result = app.Build("App");

        Assert.Equal(
            new[]
            {
                "App/Program.cs(14,66): warning HK2001",
                "App/Program.cs(4,1): warning HK2002",
                "App/Program.cs(9,1): error HK2003",
            },
            result.Diagnostics);
        Assert.NotEqual(0, result.ExitCode);
    }
}
