using HerokuAnalyzers.Memory;
using Verify = HerokuAnalyzers.Analyzers.Tests.Verification.AnalyzerVerifier<HerokuAnalyzers.Memory.MemoryCacheAnalyzer>;

namespace HerokuAnalyzers.Analyzers.Tests.Memory;

public class MemoryCacheTests
{
    private const string Usings = """
        using System;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.Caching.Memory;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Options;
        using Microsoft.Extensions.Primitives;

        """;

    // ---- HK2002 ----

    [Fact]
    public Task AddMemoryCache_without_options_is_reported()
        => Verify.VerifyAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            {|HK2002:builder.Services.AddMemoryCache()|};
            var app = builder.Build();
            app.MapGet("/", (IMemoryCache cache) => cache.TryGetValue("k", out _));
            app.Run();
            """);

    [Fact]
    public Task AddMemoryCache_whose_lambda_never_sets_SizeLimit_is_reported()
        => Verify.VerifyAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            {|HK2002:builder.Services.AddMemoryCache(o => o.ExpirationScanFrequency = TimeSpan.FromMinutes(1))|};
            var app = builder.Build();
            app.MapGet("/", (IMemoryCache cache) => cache.TryGetValue("k", out _));
            app.Run();
            """);

    [Fact]
    public Task AddMemoryCache_is_not_reported_when_nothing_in_the_app_names_IMemoryCache()
        => Verify.VerifyAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddMemoryCache();
            builder.Build().Run();
            """);

    [Fact]
    public Task AddMemoryCache_is_reported_when_a_service_resolves_IMemoryCache()
        => Verify.VerifyAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            {|HK2002:builder.Services.AddMemoryCache()|};
            var app = builder.Build();
            var cache = app.Services.GetRequiredService<IMemoryCache>();
            app.Run();
            """);

    [Theory]
    [InlineData("new MemoryCacheOptions()")]
    [InlineData("new MemoryCacheOptions { CompactionPercentage = 0.1 }")]
    [InlineData("new MemoryCacheOptions { SizeLimit = null }")]
    [InlineData("Options.Create(new MemoryCacheOptions())")]
    public Task A_MemoryCache_created_without_SizeLimit_is_reported(string options)
        => Verify.VerifyAsync(Usings + $$"""
            WebApplication.CreateBuilder(args).Build().Run();

            static class Caches
            {
                public static readonly MemoryCache Pages = {|HK2002:new MemoryCache({{options}})|};
            }
            """);

    [Fact]
    public Task The_HK2002_message_names_the_api_and_R14()
        => Verify.VerifyAsync(
            Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddMemoryCache();
            sealed class Reader(IMemoryCache cache) { public bool Has(string key) => cache.TryGetValue(key, out _); }
            """,
            Verify.Diagnostic("HK2002").WithSpan(10, 1, 10, 34).WithArguments("AddMemoryCache()"));

    [Theory]
    [InlineData("builder.Services.AddMemoryCache(o => o.SizeLimit = 1024);")]
    [InlineData("builder.Services.AddMemoryCache(o => { o.SizeLimit = 1024; o.CompactionPercentage = 0.2; });")]
    [InlineData("builder.Services.AddMemoryCache(o => builder.Configuration.GetSection(\"Cache\").Bind(o));")]
    [InlineData("builder.Services.AddMemoryCache(Configure); static void Configure(MemoryCacheOptions o) { }")]
    [InlineData("builder.Services.AddMemoryCache(); builder.Services.Configure<MemoryCacheOptions>(o => o.SizeLimit = 10);")]
    [InlineData("builder.Services.AddMemoryCache(); builder.Services.AddOptions<MemoryCacheOptions>().BindConfiguration(\"Cache\");")]
    [InlineData("builder.Services.AddMemoryCache(o => o.SizeLimit = builder.Configuration.GetValue<long?>(\"CacheSize\"));")]
    public Task AddMemoryCache_with_a_limit_or_configured_elsewhere_is_not_HK2002(string registration)
        => Verify.VerifyAsync(Usings + $$"""
            var builder = WebApplication.CreateBuilder(args);
            {{registration}}
            builder.Build().Run();
            """);

    [Fact]
    public Task A_MemoryCache_created_with_a_SizeLimit_or_unknown_options_is_not_HK2002()
        => Verify.VerifyAsync(Usings + """
            WebApplication.CreateBuilder(args).Build().Run();

            sealed class Caches
            {
                public static readonly MemoryCache A = new(new MemoryCacheOptions { SizeLimit = 100 });
                public readonly MemoryCache B;
                public readonly MemoryCache C;

                public Caches(IOptions<MemoryCacheOptions> options)
                {
                    var local = new MemoryCacheOptions();
                    local.SizeLimit = 50;
                    B = new MemoryCache(local);
                    C = new MemoryCache(options);
                }
            }
            """);

    // ---- HK2003 ----

    [Fact]
    public Task Entries_without_Size_on_a_size_limited_DI_cache_are_errors()
        => Verify.VerifyAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddMemoryCache(o => o.SizeLimit = 1024);
            builder.Services.AddSingleton<Prices>();
            var app = builder.Build();
            app.MapGet("/a/{id}", (string id, IMemoryCache cache) => {|HK2003:cache.Set(id, id)|});
            app.MapGet("/b/{id}", (string id, IMemoryCache cache) => cache.Set(id, id, new MemoryCacheEntryOptions { Size = 1 }));
            app.Run();

            sealed class Prices(IMemoryCache cache)
            {
                private readonly IMemoryCache _cache = cache;

                public decimal Get(string sku) => {|HK2003:_cache.GetOrCreate(sku, entry =>
                {
                    entry.SlidingExpiration = TimeSpan.FromMinutes(5);
                    return 1m;
                })|};

                public Task<decimal> GetAsync(string sku) => _cache.GetOrCreateAsync(sku, entry =>
                {
                    entry.SetSize(1);
                    return Task.FromResult(1m);
                });

                public void Put(string sku) => {|HK2003:cache.Set(sku, 1m, TimeSpan.FromMinutes(1))|};

                public void Create(string sku)
                {
                    using var entry = {|HK2003:_cache.CreateEntry(sku)|};
                    entry.Value = 1m;
                    using var sized = _cache.CreateEntry(sku + "!");
                    sized.Size = 1;
                    _cache.CreateEntry(sku + "?").SetSize(1).SetValue(2m).Dispose();
                }
            }
            """);

    [Fact]
    public Task The_HK2003_message_says_where_the_limit_is_set()
        => Verify.VerifyAsync(
            Usings + """
            var cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = 10 });
            cache.Set("k", 1);
            """,
            Verify.Diagnostic("HK2003").WithSpan(10, 1, 10, 18).WithArguments("Set", "new MemoryCache(…) at Test0.cs line 9"));

    [Fact]
    public Task Entries_traced_through_fields_properties_and_locals_of_a_created_cache_are_checked()
        => Verify.VerifyAsync(Usings + """
            WebApplication.CreateBuilder(args).Build().Run();

            sealed class Store
            {
                private static readonly MemoryCache Limited = new(new MemoryCacheOptions { SizeLimit = 100 });
                private IMemoryCache Cache { get; } = Limited;

                public void Put(string key)
                {
                    {|HK2003:Limited.Set(key, 1)|};
                    {|HK2003:Cache.Set(key, 2)|};
                    var local = Cache;
                    {|HK2003:local.Set(key, 3)|};
                    var options = new MemoryCacheEntryOptions().SetSize(1);
                    Limited.Set(key, 4, options);
                    var later = new MemoryCacheEntryOptions();
                    later.Size = 2;
                    Limited.Set(key, 5, later);
                }
            }
            """);

    [Fact]
    public Task Entries_on_a_cache_that_cannot_be_traced_are_not_reported()
        => Verify.VerifyAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddMemoryCache(o => o.SizeLimit = 1024);
            builder.Build().Run();

            sealed class Helpers
            {
                private readonly IMemoryCache _either;

                public Helpers(bool flag) => _either = flag ? new MemoryCache(new MemoryCacheOptions { SizeLimit = 1 }) : {|HK2002:new MemoryCache(new MemoryCacheOptions())|};

                public static void Put(IMemoryCache cache, string key) => cache.Set(key, 1);
                public void Other(string key) => _either.Set(key, 1);
                public static void Options(IMemoryCache cache, MemoryCacheEntryOptions options) => cache.Set("k", 1, options);
            }
            """);

    [Fact]
    public Task Without_AddMemoryCache_in_the_compilation_the_DI_cache_is_unknown()
        => Verify.VerifyAsync(Usings + """
            var app = WebApplication.CreateBuilder(args).Build();
            app.MapGet("/{id}", (string id, IMemoryCache cache) => cache.Set(id, id));
            app.Run();
            """);

    // ---- HK2004 ----

    [Fact]
    public Task Entries_with_neither_expiration_nor_size_on_an_unbounded_cache_are_suggestions()
        => Verify.VerifyAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            {|HK2002:builder.Services.AddMemoryCache()|};
            var app = builder.Build();
            app.MapGet("/a/{id}", (string id, IMemoryCache cache) => {|HK2004:cache.Set(id, id)|});
            app.MapGet("/b/{id}", (string id, IMemoryCache cache) => {|HK2004:cache.GetOrCreate(id, e => id)|});
            app.MapGet("/c/{id}", (string id, IMemoryCache cache) => {|HK2004:cache.Set(id, id, new MemoryCacheEntryOptions { Priority = CacheItemPriority.High })|});
            app.MapGet("/d/{id}", (string id, IMemoryCache cache) => cache.Set(id, id, TimeSpan.FromMinutes(5)));
            app.MapGet("/e/{id}", (string id, IMemoryCache cache) => cache.Set(id, id, DateTimeOffset.UtcNow.AddHours(1)));
            app.MapGet("/f/{id}", (string id, IMemoryCache cache) => cache.GetOrCreate(id, e => { e.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1); return id; }));
            app.MapGet("/g/{id}", (string id, IMemoryCache cache) => cache.GetOrCreate(id, e => e.SetSlidingExpiration(TimeSpan.FromMinutes(1)).Value = id));
            app.MapGet("/h/{id}", (string id, IMemoryCache cache) => cache.Set(id, id, new MemoryCacheEntryOptions().SetAbsoluteExpiration(TimeSpan.FromMinutes(1))));
            app.MapGet("/i/{id}", (string id, IMemoryCache cache) => cache.Set(id, id, new CancellationChangeToken(default)));
            app.MapGet("/j/{id}", (string id, IMemoryCache cache) => cache.GetOrCreate(id, e => { Configure(e); return id; }));
            app.Run();

            static partial class Program
            {
                static void Configure(ICacheEntry entry) { }
            }
            """);

    [Fact]
    public Task HK2004_is_not_reported_when_the_cache_is_limited_or_unknown()
        => Verify.VerifyAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddMemoryCache(o => o.SizeLimit = builder.Configuration.GetValue<long?>("Size"));
            var app = builder.Build();
            app.MapGet("/{id}", (string id, IMemoryCache cache) => cache.Set(id, id));
            app.Run();
            """);

    [Fact]
    public Task Without_the_caching_library_the_analyzer_stays_silent()
    {
        var test = new Verify.Test
        {
            TestCode = """
                sealed class MemoryCache { public void Set(string key, object value) { } }
                static class Use { public static void Run() => new MemoryCache().Set("k", 1); }
                """,
        };
        test.TestState.AdditionalReferences.Clear();
        test.TestState.AdditionalReferences.AddRange(Verification.Net8References.WebApp.Where(r => r.Display?.Contains("aspnetcore", StringComparison.OrdinalIgnoreCase) != true));
        test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary;
        return test.RunAsync();
    }

    [Fact]
    public Task A_cache_field_of_a_referenced_project_is_untraced_and_does_not_crash_the_analyzer()
    {
        // In the IDE a project reference is a compilation reference: the field's declaration lies in
        // another compilation's trees, which this compilation cannot bind.
        var test = new Verify.Test
        {
            TestCode = Usings + """
                var app = WebApplication.CreateBuilder(args).Build();
                app.MapGet("/{id}", (string id) => Lib.Caches.Shared.Set(id, id));
                app.Run();
                """,
        };
        test.TestState.AdditionalProjects["Lib"].Sources.Add(("/Lib/Caches.cs", """
            namespace Lib;
            public static class Caches
            {
                public static readonly Microsoft.Extensions.Caching.Memory.MemoryCache Shared = new(new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions { SizeLimit = 10 });
            }
            """));
        test.TestState.AdditionalProjects["Lib"].AdditionalReferences.AddRange(Verification.Net8References.WebApp);
        test.TestState.AdditionalProjectReferences.Add("Lib");
        return test.RunAsync();
    }

    [Fact]
    public void Descriptor_messages_name_R14()
    {
        var descriptors = new MemoryCacheAnalyzer().SupportedDiagnostics;
        Assert.All(descriptors, d => Assert.Contains("R14", d.MessageFormat.ToString()));
        Assert.Contains("R15", descriptors.Single(d => d.Id == "HK2002").MessageFormat.ToString());
    }
}
