using HerokuAnalyzers.Memory;
using Verify = HerokuAnalyzers.Analyzers.Tests.Verification.AnalyzerVerifier<HerokuAnalyzers.Memory.GrowingCollectionAnalyzer>;

namespace HerokuAnalyzers.Analyzers.Tests.Memory;

public class GrowingCollectionTests
{
    private const string Usings = """
        using System;
        using System.Collections;
        using System.Collections.Generic;
        using System.Collections.Concurrent;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.DependencyInjection.Extensions;
        using Microsoft.Extensions.Hosting;

        """;

    /// <summary>The usings and a minimal web app, for tests that only declare types.</summary>
    private const string App = Usings + """
        WebApplication.CreateBuilder(args).Build().Run();

        """;

    [Theory]
    [InlineData("Dictionary<string, string>", "Store[key] = value")]
    [InlineData("Dictionary<string, string>", "Store.Add(key, value)")]
    [InlineData("Dictionary<string, string>", "Store.TryAdd(key, value)")]
    [InlineData("ConcurrentDictionary<string, string>", "Store.GetOrAdd(key, value)")]
    [InlineData("ConcurrentDictionary<string, string>", "Store.AddOrUpdate(key, value, (k, v) => value)")]
    [InlineData("ConcurrentDictionary<string, string>", "Store[key] = value")]
    [InlineData("List<string>", "Store.Add(value)")]
    [InlineData("List<string>", "Store.Insert(0, value)")]
    [InlineData("List<string>", "Store.AddRange(new[] { value })")]
    [InlineData("HashSet<string>", "Store.Add(value)")]
    [InlineData("Queue<string>", "Store.Enqueue(value)")]
    [InlineData("Stack<string>", "Store.Push(value)")]
    [InlineData("ConcurrentQueue<string>", "Store.Enqueue(value)")]
    [InlineData("ConcurrentBag<string>", "Store.Add(value)")]
    [InlineData("SortedDictionary<string, string>", "Store[key] = value")]
    [InlineData("LinkedList<string>", "Store.AddLast(value)")]
    [InlineData("Hashtable", "Store[key] = value")]
    public Task A_static_collection_added_to_per_request_is_reported_at_the_field(string type, string grow)
        => Verify.VerifyAsync(Usings + $$"""
            var app = WebApplication.CreateBuilder(args).Build();
            app.MapGet("/{key}", (string key, string value) => Registry.Remember(key, value));
            app.Run();

            static class Registry
            {
                private static readonly {{type}} {|HK2001:Store|} = new();

                public static void Remember(string key, string value) { {{grow}}; }
            }
            """);

    [Fact]
    public Task The_message_names_the_field_and_where_it_grows()
        => Verify.VerifyAsync(
            App + """
            static class Registry
            {
                public static readonly Dictionary<string, int> Hits = new();

                public static void Count(string path) => Hits[path] = Hits.TryGetValue(path, out var n) ? n + 1 : 1;
            }
            """,
            Verify.Diagnostic("HK2001").WithSpan(15, 52, 15, 56).WithSpan(17, 46, 17, 104).WithArguments("Static field 'Hits'", "Registry.Count"));

    [Fact]
    public Task A_field_of_a_singleton_service_is_reported()
        => Verify.VerifyAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddSingleton<ISessionStore, SessionStore>();
            builder.Build().Run();

            interface ISessionStore { void Save(string id, string data); }

            sealed class SessionStore : ISessionStore
            {
                private readonly ConcurrentDictionary<string, string> {|HK2001:_sessions|} = new();

                public void Save(string id, string data) => _sessions[id] = data;
            }
            """);

    [Theory]
    [InlineData("services.AddSingleton<Tracker>()")]
    [InlineData("services.AddSingleton(new Tracker())")]
    [InlineData("services.AddSingleton<ITracker>(sp => new Tracker())")]
    [InlineData("services.AddSingleton(typeof(ITracker), typeof(Tracker))")]
    [InlineData("services.AddSingleton(typeof(Tracker))")]
    [InlineData("services.TryAddSingleton<ITracker, Tracker>()")]
    [InlineData("services.AddKeyedSingleton<ITracker, Tracker>(\"main\")")]
    [InlineData("services.AddHostedService<Tracker>()")]
    public Task Every_singleton_registration_form_is_recognised(string registration)
        => Verify.VerifyAsync(App + $$"""
            static class Setup
            {
                public static void Register(IServiceCollection services) => {{registration}};
            }

            interface ITracker { }

            class Tracker : BackgroundService, ITracker
            {
                private readonly List<DateTime> {|HK2001:_ticks|} = new();

                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        _ticks.Add(DateTime.UtcNow);
                        await Task.Delay(1000, stoppingToken);
                    }
                }
            }
            """);

    [Fact]
    public Task A_field_declared_in_the_base_class_of_a_singleton_is_reported()
        => Verify.VerifyAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddSingleton<AuditLog>();
            builder.Build().Run();

            abstract class LogBase
            {
                protected readonly List<string> {|HK2001:Lines|} = new();
            }

            sealed class AuditLog : LogBase
            {
                public void Write(string line) => Lines.Add(line);
            }
            """);

    [Fact]
    public Task An_interface_typed_field_holding_a_known_collection_is_reported()
        => Verify.VerifyAsync(App + """
            static class Registry
            {
                private static readonly IDictionary<string, object> {|HK2001:Items|} = new Dictionary<string, object>();

                public static void Put(string key, object value) => Items[key] = value;
            }
            """);

    [Fact]
    public Task Growth_in_a_lambda_created_by_the_constructor_is_still_growth()
        => Verify.VerifyAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddSingleton<Listener>();
            builder.Build().Run();

            sealed class Listener
            {
                private readonly List<string> {|HK2001:_seen|} = new();

                public Listener(IHostApplicationLifetime lifetime)
                {
                    _seen.Add("start");
                    lifetime.ApplicationStarted.Register(() => _seen.Add("started"));
                }
            }
            """);

    [Fact]
    public Task Growth_through_a_helper_called_per_request_is_reported()
        => Verify.VerifyAsync(App + """
            static class Registry
            {
                private static readonly List<string> {|HK2001:Names|} = new();

                public static void Handle(string name) => Store(name);

                private static void Store(string name) => Names.Add(name);
            }
            """);

    // ---- no diagnostic ----

    [Fact]
    public Task A_lookup_table_filled_in_its_initializer_or_static_constructor_is_not_reported()
        => Verify.VerifyAsync(App + """
            static class Codes
            {
                private static readonly Dictionary<string, int> ByName = new() { ["a"] = 1, ["b"] = 2 };
                private static readonly Dictionary<int, string> ByCode = new();
                private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase);

                static Codes()
                {
                    foreach (var pair in ByName)
                    {
                        ByCode.Add(pair.Value, pair.Key);
                    }

                    Fill();
                }

                private static void Fill()
                {
                    Reserved.Add("admin");
                    AddMore();
                }

                private static void AddMore() => Reserved.Add("root");

                public static int Lookup(string name) => ByName.TryGetValue(name, out var code) ? code : ByCode.Count;
                public static bool IsReserved(string name) => Reserved.Contains(name);
            }
            """);

    [Fact]
    public Task A_singleton_filling_its_table_in_the_constructor_is_not_reported()
        => Verify.VerifyAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddSingleton<Catalog>();
            builder.Build().Run();

            sealed class Catalog
            {
                private readonly Dictionary<string, decimal> _prices = new();

                public Catalog()
                {
                    _prices["apple"] = 1.2m;
                    _prices.Add("pear", 0.9m);
                }

                public decimal Price(string item) => _prices[item];
            }
            """);

    [Fact]
    public Task Growth_in_the_entry_point_runs_once_and_is_not_reported()
        => Verify.VerifyAsync(Usings + """
            Registry.Names.Add("startup");
            var app = WebApplication.CreateBuilder(args).Build();
            app.Run();

            static class Registry
            {
                public static readonly List<string> Names = new();
            }
            """);

    [Theory]
    [InlineData("((IDictionary<string, string>)Store).Remove(key)")]
    [InlineData("Store.TryRemove(key, out _)")]
    [InlineData("Store.Clear()")]
    [InlineData("Store = new()")]
    [InlineData("Interlocked.Exchange(ref Store, new())")]
    [InlineData("Evict(Store)")]
    public Task A_collection_with_any_eviction_path_is_not_reported(string shrink)
        => Verify.VerifyAsync(App + $$"""
            static class Registry
            {
                private static ConcurrentDictionary<string, string> Store = new();

                public static void Remember(string key, string value) => Store[key] = value;
                public static void Forget(string key) { {{shrink}}; }
                private static void Evict(IDictionary<string, string> map) { }
            }
            """);

    [Theory]
    [InlineData("Queue<string>", "Store.Enqueue(value)", "Store.TryDequeue(out _)")]
    [InlineData("ConcurrentQueue<string>", "Store.Enqueue(value)", "Store.TryDequeue(out _)")]
    [InlineData("Stack<string>", "Store.Push(value)", "Store.Pop()")]
    [InlineData("List<string>", "Store.Add(value)", "Store.RemoveAt(0)")]
    [InlineData("HashSet<string>", "Store.Add(value)", "Store.RemoveWhere(v => v.Length > 10)")]
    [InlineData("LinkedList<string>", "Store.AddFirst(value)", "Store.RemoveLast()")]
    [InlineData("Dictionary<string, string>", "Store[value] = value", "Store.Remove(value, out _)")]
    public Task A_producer_consumer_pair_is_not_reported(string type, string grow, string shrink)
        => Verify.VerifyAsync(App + $$"""
            static class Registry
            {
                private static readonly {{type}} Store = new();

                public static void Produce(string value) { {{grow}}; }
                public static void Consume(string value) { {{shrink}}; }
            }
            """);

    [Fact]
    public Task A_size_guarded_collection_is_not_reported()
        => Verify.VerifyAsync(App + """
            static class RecentErrors
            {
                private const int Max = 100;
                private static readonly List<string> Errors = new();
                private static readonly Dictionary<string, int> Counts = new();

                public static void Record(string error)
                {
                    if (Errors.Count < Max)
                    {
                        Errors.Add(error);
                    }

                    if (Counts.Count() >= Max) return;
                    Counts[error] = 1;
                }
            }
            """);

    [Fact]
    public Task Maps_keyed_by_types_members_or_enums_stop_growing_and_are_not_reported()
        => Verify.VerifyAsync(App + """
            enum Kind { A, B }

            static class Reflection
            {
                private static readonly ConcurrentDictionary<Type, string[]> Properties = new();
                private static readonly ConcurrentDictionary<System.Reflection.MethodInfo, object> Invokers = new();
                private static readonly Dictionary<Kind, int> Totals = new();

                public static string[] Of(Type type) => Properties.GetOrAdd(type, t => t.GetProperties().Select(p => p.Name).ToArray());
                public static object For(System.Reflection.MethodInfo method) => Invokers.GetOrAdd(method, m => new object());
                public static void Count(Kind kind) => Totals[kind] = 1;
            }
            """);

    [Fact]
    public Task Fields_of_services_that_are_not_singletons_are_not_reported()
        => Verify.VerifyAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddScoped<Basket>();
            builder.Services.AddTransient<Builder>();
            builder.Build().Run();

            sealed class Basket
            {
                private readonly List<string> _items = new();
                public void Add(string item) => _items.Add(item);
            }

            sealed class Builder
            {
                private readonly Dictionary<string, string> _parts = new();
                public void Set(string key, string value) => _parts[key] = value;
            }

            sealed class PerRequest
            {
                private readonly HashSet<string> _seen = new();
                public bool Visit(string url) => _seen.Add(url);
            }
            """);

    [Fact]
    public Task Locals_and_thread_static_fields_are_not_reported()
        => Verify.VerifyAsync(App + """
            static class Work
            {
                [ThreadStatic]
                private static List<string>? _buffer;

                public static int Run(string[] items)
                {
                    var seen = new HashSet<string>();
                    foreach (var item in items)
                    {
                        seen.Add(item);
                    }

                    _buffer ??= new List<string>();
                    _buffer.Add("x");
                    return seen.Count;
                }
            }
            """);

    [Fact]
    public Task A_collection_handed_to_code_that_could_clear_it_is_not_reported()
        => Verify.VerifyAsync(App + """
            static class Registry
            {
                private static readonly List<string> Names = new();
                private static readonly Dictionary<string, int> Hits = new();

                public static void Add(string name) { Names.Add(name); Hits[name] = 1; }
                public static List<string> All => Names;
                public static void Trim() => Prune(Hits);
                private static void Prune(IDictionary hits) { }
            }
            """);

    [Fact]
    public Task Read_only_uses_do_not_hide_growth_but_are_not_growth_themselves()
        => Verify.VerifyAsync(App + """
            static class Registry
            {
                private static readonly List<string> Names = new() { "a", "b" };

                public static bool Has(string name) => Names.Contains(name);
                public static IReadOnlyList<string> All => Names;
                public static IEnumerable<string> Long() => Names.Where(n => n.Length > 3);
                public static void Sort() => Names.Sort();
                public static string Join() => string.Join(",", Names);
                public static void Replace(string name) => Names[0] = name;
            }
            """);

    [Fact]
    public Task An_interface_typed_field_of_unknown_implementation_is_not_reported()
        => Verify.VerifyAsync(App + """
            static class Registry
            {
                private static readonly IDictionary<string, object> Items = new BoundedMap();

                public static void Put(string key, object value) => Items[key] = value;
            }

            sealed class BoundedMap : Dictionary<string, object> { }
            """);

    [Fact]
    public Task Without_dependency_injection_the_rule_stays_silent()
    {
        var test = new Verify.Test
        {
            TestCode = """
                static class Registry
                {
                    private static readonly System.Collections.Generic.List<string> Names = new();
                    public static void Add(string name) => Names.Add(name);
                }
                """,
        };
        test.TestState.AdditionalReferences.Clear();
        test.TestState.AdditionalReferences.AddRange(Verification.Net8References.WebApp.Where(r => r.Display?.Contains("aspnetcore", StringComparison.OrdinalIgnoreCase) != true));
        test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary;
        return test.RunAsync();
    }

    [Fact]
    public void Descriptor_message_names_R14_and_R15()
    {
        var message = new GrowingCollectionAnalyzer().SupportedDiagnostics.Single().MessageFormat.ToString();
        Assert.Contains("R14", message);
        Assert.Contains("R15", message);
        Assert.Contains("512 MB", message);
    }
}
