using Microsoft.CodeAnalysis.Testing;
using Verifier = HerokuAnalyzers.Analyzers.Tests.Verification.CodeFixVerifier<
    HerokuAnalyzers.Memory.MemoryCacheAnalyzer,
    HerokuAnalyzers.CodeFixes.Memory.AddExpirationCodeFixProvider>;

namespace HerokuAnalyzers.Analyzers.Tests.Memory;

public class AddExpirationCodeFixTests
{
    /// <summary>The memory rules are compilation-end (non-local) diagnostics; their fixes run under full solution analysis.</summary>
    private static class Verify
    {
        public static Verifier.Test Test(string source, string fixedSource) => new()
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        };

        public static Task VerifyAsync(string source, string fixedSource) => Test(source, fixedSource).RunAsync();
    }

    private const string Usings = """
        using System;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.Caching.Memory;
        using Microsoft.Extensions.DependencyInjection;

        """;

    private const string Program = """
        var builder = WebApplication.CreateBuilder(args);
        {|HK2002:builder.Services.AddMemoryCache()|};
        var app = builder.Build();

        """;

    [Fact]
    public Task Set_without_options_gets_options_that_expire()
        => Verify.VerifyAsync(
            Usings + Program + """
            app.MapGet("/{id}", (string id, IMemoryCache cache) => {|HK2004:cache.Set(id, id)|});
            """,
            Usings + Program + """
            app.MapGet("/{id}", (string id, IMemoryCache cache) => cache.Set(id, id, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10) }));
            """);

    [Fact]
    public Task Options_created_inline_get_the_expiration_in_their_initializer()
        => Verify.VerifyAsync(
            Usings + Program + """
            app.MapGet("/a/{id}", (string id, IMemoryCache cache) => {|HK2004:cache.Set(id, id, new MemoryCacheEntryOptions { Priority = CacheItemPriority.High })|});
            app.MapGet("/b/{id}", (string id, IMemoryCache cache) => {|HK2004:cache.Set(id, id, new MemoryCacheEntryOptions())|});
            """,
            Usings + Program + """
            app.MapGet("/a/{id}", (string id, IMemoryCache cache) => cache.Set(id, id, new MemoryCacheEntryOptions { Priority = CacheItemPriority.High, AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10) }));
            app.MapGet("/b/{id}", (string id, IMemoryCache cache) => cache.Set(id, id, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10) }));
            """);

    [Fact]
    public Task A_factory_sets_the_expiration_on_its_entry_first()
        => Verify.VerifyAsync(
            Usings + Program + """
            app.MapGet("/a/{id}", (string id, IMemoryCache cache) => {|HK2004:cache.GetOrCreate(id, entry => id.ToUpperInvariant())|});
            app.MapGet("/b/{id}", (string id, IMemoryCache cache) => {|HK2004:cache.GetOrCreate(id, entry =>
            {
                entry.Priority = CacheItemPriority.Low;
                return id;
            })|});
            """,
            Usings + Program + """
            app.MapGet("/a/{id}", (string id, IMemoryCache cache) => cache.GetOrCreate(id, entry =>
            {
                entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10);
                return id.ToUpperInvariant();
            }));
            app.MapGet("/b/{id}", (string id, IMemoryCache cache) => cache.GetOrCreate(id, entry =>
            {
                entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10);
                entry.Priority = CacheItemPriority.Low;
                return id;
            }));
            """);

    [Fact]
    public Task The_expiration_comes_from_editorconfig_and_TimeSpan_is_qualified_without_using_System()
    {
        var test = Verify.Test(
            """
                var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(args);
                {|HK2002:Microsoft.Extensions.DependencyInjection.MemoryCacheServiceCollectionExtensions.AddMemoryCache(builder.Services)|};
                {|HK2004:Microsoft.Extensions.Caching.Memory.CacheExtensions.Set(Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Microsoft.Extensions.Caching.Memory.IMemoryCache>(builder.Build().Services), "k", 1)|};
                """,
            """
                var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(args);
                {|HK2002:Microsoft.Extensions.DependencyInjection.MemoryCacheServiceCollectionExtensions.AddMemoryCache(builder.Services)|};
                Microsoft.Extensions.Caching.Memory.CacheExtensions.Set(Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Microsoft.Extensions.Caching.Memory.IMemoryCache>(builder.Build().Services), "k", 1, new Microsoft.Extensions.Caching.Memory.MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = System.TimeSpan.FromMinutes(30) });
                """);
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\nheroku_analyzers.cache_entry_expiration_minutes = 30\n"));
        return test.RunAsync();
    }
}
