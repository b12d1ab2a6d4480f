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

    [Fact]
    public void A_net8_web_app_with_Server_GC_on_a_512_MB_dyno_is_told_to_use_DATAS()
    {
        var app = _package.CreateConsumer("gc").AddWebProject(targetFramework: "net8.0").WithNet8ReferencePacks();
        app.Write("App/Program.cs", "var app = WebApplication.CreateBuilder(args).Build();\napp.Run();\n");
        app.Write("app.json", "{\n  \"formation\": { \"web\": { \"quantity\": 1, \"size\": \"basic\" } }\n}\n");

        var result = app.Build("App");
        Assert.Equal(new[] { "app.json(2,50): warning HK2005" }, result.Diagnostics);

        var withDatas = app.Build("App", "-p:GarbageCollectionAdaptationMode=1");
        Assert.True(withDatas.ExitCode == 0, withDatas.ToString());
        Assert.Empty(withDatas.Diagnostics);
    }

    [Fact]
    public void A_net10_web_app_has_DATAS_by_default_and_is_not_reported()
    {
        var app = _package.CreateConsumer("gc10").AddWebProject();
        app.Write("App/Program.cs", "var app = WebApplication.CreateBuilder(args).Build();\napp.Run();\n");

        Assert.Empty(app.Build("App").Diagnostics);
    }

    [Fact]
    public void Dotnet_format_bounds_the_cache_and_expires_entries_with_the_configured_minutes()
    {
        var app = _package.CreateConsumer("r14-format").AddWebProject();
        app.Write("App/Program.cs", """
            using Microsoft.Extensions.Caching.Memory;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddMemoryCache();
            var app = builder.Build();
            app.MapGet("/price/{sku}", (string sku, IMemoryCache cache) => cache.Set(sku, sku.Length));
            app.Run();
            """);
        app.Write(".editorconfig", "root = true\n\n[*.cs]\nheroku_analyzers.cache_entry_expiration_minutes = 5\n");
        Assert.Equal(0, app.Build("App").ExitCode);

        var expire = app.DotNetRaw("format", "analyzers", "App/App.csproj", "--diagnostics", "HK2004", "--severity", "info", "--no-restore");
        Assert.True(expire.ExitCode == 0, expire.Output);
        Assert.Contains("AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5)", app.Read("App/Program.cs"));

        var bound = app.DotNetRaw("format", "analyzers", "App/App.csproj", "--diagnostics", "HK2002", "--no-restore");
        Assert.True(bound.ExitCode == 0, bound.Output);
        var fixedSource = app.Read("App/Program.cs");
        Assert.Contains("SizeLimit =", fixedSource);
        Assert.Contains("Size = 1", fixedSource);

        var rebuilt = app.Build("App");
        Assert.True(rebuilt.ExitCode == 0, rebuilt.ToString());
        Assert.Empty(rebuilt.Diagnostics);
    }
}
