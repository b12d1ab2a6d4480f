namespace HerokuAnalyzers.Analyzers.Tests.RequestPath;

/// <summary>
/// The fix in a method a handler only reaches: the method becomes async under its own name and every caller
/// awaits it, callers becoming async in turn up to the handler — or nothing is offered.
/// </summary>
public class AwaitAtCallersCodeFixTests
{
    private const string Program = """
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Mvc;

        WebApplication.CreateBuilder(args).Build().Run();

        """;

    private static Task VerifyNoFixAsync(string source) => RequestPathFixTest.VerifyAsync(source, source);

    [Fact]
    public Task A_service_method_one_call_from_an_action_becomes_async_and_the_action_awaits_it()
        => RequestPathFixTest.VerifyAsync(
            Program + """
            public class InvoicesController : ControllerBase
            {
                private readonly InvoiceService _service = new();
                public int Get() => _service.Total();
                public string Link() => nameof(InvoiceService.Total);
            }

            public class InvoiceService
            {
                public int Total() => {|HK1001:LoadAsync().Result|};
                private static async Task<int> LoadAsync() { await Task.Yield(); return 1; }
            }
            """,
            Program + """
            public class InvoicesController : ControllerBase
            {
                private readonly InvoiceService _service = new();
                public async Task<int> Get() => await _service.Total();
                public string Link() => nameof(InvoiceService.Total);
            }

            public class InvoiceService
            {
                public async Task<int> Total() => await LoadAsync();
                private static async Task<int> LoadAsync() { await Task.Yield(); return 1; }
            }
            """);

    [Fact]
    public Task Two_levels_of_callers_in_other_files_become_async_up_to_the_action_and_a_minimal_api_lambda()
    {
        var test = RequestPathFixTest.New(
            Program + """
            public class OrdersController : ControllerBase
            {
                public IActionResult Post(Orders orders)
                {
                    var id = orders.Place("a").ToString();
                    return Ok(id);
                }
            }
            """,
            Program + """
            public class OrdersController : ControllerBase
            {
                public async Task<IActionResult> Post(Orders orders)
                {
                    var id = (await orders.Place("a")).ToString();
                    return Ok(id);
                }
            }
            """);
        test.TestState.Sources.Add(("/0/Orders.cs", """
            public class Orders
            {
                public int Place(string item)
                {
                    Mailer.Send(item);
                    return 1;
                }
            }
            """));
        test.TestState.Sources.Add(("/0/Mailer.cs", """
            using System.Threading;

            public static class Mailer
            {
                public static void Send(string item) => {|HK1002:Thread.Sleep(100)|};
            }

            public static class Routes
            {
                public static void Add(Microsoft.AspNetCore.Builder.WebApplication app)
                    => Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapPost(app, "/mail", (string to) => Mailer.Send(to));
            }
            """));
        test.FixedState.Sources.Add(("/0/Orders.cs", """
            public class Orders
            {
                public async System.Threading.Tasks.Task<int> Place(string item)
                {
                    await Mailer.Send(item);
                    return 1;
                }
            }
            """));
        test.FixedState.Sources.Add(("/0/Mailer.cs", """
            using System.Threading;

            public static class Mailer
            {
                public static async System.Threading.Tasks.Task Send(string item) => await System.Threading.Tasks.Task.Delay(100);
            }

            public static class Routes
            {
                public static void Add(Microsoft.AspNetCore.Builder.WebApplication app)
                    => Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapPost(app, "/mail", async (string to) => await Mailer.Send(to));
            }
            """));
        return test.RunAsync();
    }

    [Fact]
    public Task A_caller_that_is_already_async_only_awaits()
        => RequestPathFixTest.VerifyAsync(
            Program + """
            public class FeedController : ControllerBase
            {
                public async Task<int> Get()
                {
                    await Task.Yield();
                    return Feed.Count() + 1;
                }
            }

            static class Feed
            {
                public static int Count() => {|HK1001:LoadAsync().Result|};
                private static async Task<int> LoadAsync() { await Task.Yield(); return 1; }
            }
            """,
            Program + """
            public class FeedController : ControllerBase
            {
                public async Task<int> Get()
                {
                    await Task.Yield();
                    return await Feed.Count() + 1;
                }
            }

            static class Feed
            {
                public static async Task<int> Count() => await LoadAsync();
                private static async Task<int> LoadAsync() { await Task.Yield(); return 1; }
            }
            """);

    [Fact]
    public Task No_fix_when_a_caller_is_a_lambda_given_to_a_non_Delegate_parameter()
        => VerifyNoFixAsync(Program + """
            public class ReportsController : ControllerBase
            {
                public int Get() => Helper.Sum();
                public int[] All() => new[] { 1, 2 }.Select(i => Helper.Sum()).ToArray();
            }

            static class Helper
            {
                public static int Sum() => {|HK1001:Task.Run(() => 1).Result|};
            }
            """);

    [Theory]
    [InlineData("public override string ToString() => Helper.Sum().ToString();")]
    [InlineData("public int Total => Helper.Sum();")]
    [InlineData("public System.Func<int> Later() => Helper.Sum;")]
    [InlineData("public int Locked() { lock (this) { return Helper.Sum(); } }")]
    [InlineData("public int Out(out int n) => n = Helper.Sum();")]
    [InlineData("public System.Collections.Generic.IEnumerable<int> Each() { yield return Helper.Sum(); }")]
    [InlineData("public int Query() => (from i in new[] { 1 } select Helper.Sum()).First();")]
    public Task No_fix_when_a_caller_cannot_become_async(string caller)
        => VerifyNoFixAsync(Program + $$"""
            public class ReportsController : ControllerBase
            {
                public int Get() => Helper.Sum();
                {{caller}}
            }

            static class Helper
            {
                public static int Sum() => {|HK1001:Task.Run(() => 1).Result|};
            }
            """);

    [Fact]
    public Task No_fix_for_a_method_called_through_an_interface_or_behind_one()
        => VerifyNoFixAsync(Program + """
            public interface IPricing { int Price(); }

            public class Pricing : IPricing
            {
                public int Price() => {|HK1001:Task.Run(() => 1).Result|} + Rates.Current();
            }

            public static class Rates
            {
                public static int Current() => {|HK1001:Task.Run(() => 2).Result|};
            }

            public class PricesController : ControllerBase
            {
                private readonly IPricing _pricing;
                public PricesController(IPricing pricing) => _pricing = pricing;
                public int Get() => _pricing.Price();
            }
            """);

    [Fact]
    public Task Fix_all_changes_a_shared_caller_once()
        => RequestPathFixTest.VerifyAsync(
            Program + """
            public class DashboardController : ControllerBase
            {
                private readonly Stats _stats = new();
                public int Get() => _stats.Users() + _stats.Orders();
            }

            public class Stats
            {
                public int Users() => {|HK1001:LoadAsync().Result|};
                public int Orders() => {|HK1001:LoadAsync().Result|} + {|HK1001:LoadAsync().GetAwaiter().GetResult()|};
                private static async Task<int> LoadAsync() { await Task.Yield(); return 1; }
            }
            """,
            Program + """
            public class DashboardController : ControllerBase
            {
                private readonly Stats _stats = new();
                public async Task<int> Get() => await _stats.Users() + await _stats.Orders();
            }

            public class Stats
            {
                public async Task<int> Users() => await LoadAsync();
                public async Task<int> Orders() => await LoadAsync() + await LoadAsync();
                private static async Task<int> LoadAsync() { await Task.Yield(); return 1; }
            }
            """);
}
