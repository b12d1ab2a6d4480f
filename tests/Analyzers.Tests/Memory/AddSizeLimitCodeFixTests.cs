using Microsoft.CodeAnalysis.Testing;
using Verifier = HerokuAnalyzers.Analyzers.Tests.Verification.CodeFixVerifier<
    HerokuAnalyzers.Memory.MemoryCacheAnalyzer,
    HerokuAnalyzers.CodeFixes.Memory.AddSizeLimitCodeFixProvider>;

namespace HerokuAnalyzers.Analyzers.Tests.Memory;

public class AddSizeLimitCodeFixTests
{
    private const string Usings = """
        using System;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.Caching.Memory;
        using Microsoft.Extensions.DependencyInjection;

        """;

    [Fact]
    public Task AddMemoryCache_gets_a_limit_and_every_entry_a_size()
        => VerifyAsync(
            Usings + """
            var builder = WebApplication.CreateBuilder(args);
            {|HK2002:builder.Services.AddMemoryCache()|};
            var app = builder.Build();
            app.MapGet("/a/{id}", (string id, IMemoryCache cache) => {|HK2004:cache.Set(id, id)|});
            app.MapGet("/b/{id}", (string id, IMemoryCache cache) => cache.Set(id, id, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(1) }));
            app.MapGet("/c/{id}", (string id, IMemoryCache cache) => cache.GetOrCreate(id, entry =>
            {
                entry.SlidingExpiration = TimeSpan.FromMinutes(1);
                return id;
            }));
            app.MapGet("/d/{id}", (string id, IMemoryCache cache) => cache.Set(id, id, new MemoryCacheEntryOptions { Size = 2 }));
            app.Run();
            """,
            Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddMemoryCache(options => options.SizeLimit = 1024);
            var app = builder.Build();
            app.MapGet("/a/{id}", (string id, IMemoryCache cache) => cache.Set(id, id, new MemoryCacheEntryOptions { Size = 1 }));
            app.MapGet("/b/{id}", (string id, IMemoryCache cache) => cache.Set(id, id, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(1), Size = 1 }));
            app.MapGet("/c/{id}", (string id, IMemoryCache cache) => cache.GetOrCreate(id, entry =>
            {
                entry.Size = 1;
                entry.SlidingExpiration = TimeSpan.FromMinutes(1);
                return id;
            }));
            app.MapGet("/d/{id}", (string id, IMemoryCache cache) => cache.Set(id, id, new MemoryCacheEntryOptions { Size = 2 }));
            app.Run();
            """);

    [Fact]
    public Task A_configure_lambda_gets_the_limit_appended()
        => VerifyAsync(
            Usings + """
            var builder = WebApplication.CreateBuilder(args);
            {|HK2002:builder.Services.AddMemoryCache(o => o.CompactionPercentage = 0.2)|};
            builder.Build().Run();
            sealed class Reader(IMemoryCache cache) { public bool Has(string key) => cache.TryGetValue(key, out _); }
            """,
            Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddMemoryCache(o =>
            {
                o.CompactionPercentage = 0.2;
                o.SizeLimit = 1024;
            });
            builder.Build().Run();
            sealed class Reader(IMemoryCache cache) { public bool Has(string key) => cache.TryGetValue(key, out _); }
            """);

    [Fact]
    public Task A_created_cache_gets_the_limit_in_its_options_and_its_entries_a_size()
        => VerifyAsync(
            Usings + """
            WebApplication.CreateBuilder(args).Build().Run();

            static class Pages
            {
                private static readonly MemoryCache Cache = {|HK2002:new MemoryCache(new MemoryCacheOptions())|};

                public static string Get(string path) => {|HK2004:Cache.GetOrCreate(path, e => path.ToUpperInvariant())|}!;
            }
            """,
            Usings + """
            WebApplication.CreateBuilder(args).Build().Run();

            static class Pages
            {
                private static readonly MemoryCache Cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = 1024 });

                public static string Get(string path) => Cache.GetOrCreate(path, e =>
                {
                    e.Size = 1;
                    return path.ToUpperInvariant();
                })!;
            }
            """);

    [Fact]
    public Task No_fix_when_an_entry_of_the_cache_cannot_be_sized()
        => VerifyAsync(
            Usings + """
            var builder = WebApplication.CreateBuilder(args);
            {|HK2002:builder.Services.AddMemoryCache()|};
            var app = builder.Build();
            var options = new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(1) };
            app.MapGet("/{id}", (string id, IMemoryCache cache) => cache.Set(id, id, options));
            app.Run();
            """,
            null);

    [Fact]
    public Task No_fix_when_some_entry_goes_to_a_cache_that_cannot_be_traced()
        => VerifyAsync(
            Usings + """
            WebApplication.CreateBuilder(args).Build().Run();

            static class Pages
            {
                private static readonly MemoryCache Cache = {|HK2002:new MemoryCache(new MemoryCacheOptions())|};

                public static void Put(IMemoryCache any, string key) => any.Set(key, 1, TimeSpan.FromMinutes(1));
                public static void Own(string key) => Cache.Set(key, 1, TimeSpan.FromMinutes(1));
            }
            """,
            null);

    private static Task VerifyAsync(string source, string? fixedSource)
    {
        var test = new Verifier.Test
        {
            TestCode = source,
            FixedCode = fixedSource ?? source,
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        };
        return test.RunAsync();
    }
}
