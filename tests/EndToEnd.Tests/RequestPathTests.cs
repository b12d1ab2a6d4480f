using HerokuAnalyzers.EndToEnd.Tests.Infrastructure;

namespace HerokuAnalyzers.EndToEnd.Tests;

/// <summary>The H12 rules through the packed package: handlers, reachability, options and the await fix.</summary>
[Collection(PackageCollection.Name)]
public sealed class RequestPathTests
{
    private const string Program = """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddControllers();
        builder.Services.AddHttpClient();
        builder.Services.AddSingleton<App.IQuotes, App.Quotes>();
        builder.Services.AddHostedService<App.Nightly>();
        var app = builder.Build();
        app.MapControllers();
        app.MapGet("/wait", async () => { await Task.Delay(TimeSpan.FromSeconds(20)); return "done"; });
        app.Run();
        """;

    private const string Controller = """
        using Microsoft.AspNetCore.Mvc;

        namespace App;

        [ApiController]
        [Route("quotes")]
        public sealed class QuotesController : ControllerBase
        {
            private readonly IQuotes _quotes;

            public QuotesController(IQuotes quotes) => _quotes = quotes;

            [HttpGet("{id}")]
            public string Get(int id) => _quotes.Load(id);

            [HttpGet("{id}/raw")]
            public string Raw(int id, [FromServices] IHttpClientFactory clients)
            {
                return clients.CreateClient().GetStringAsync($"https://quotes.example/{id}").Result;
            }
        }

        public interface IQuotes
        {
            string Load(int id);
        }

        public sealed class Quotes : IQuotes
        {
            public string Load(int id)
            {
                Thread.Sleep(100);
                return id.ToString();
            }
        }

        public sealed class Nightly : BackgroundService
        {
            protected override Task ExecuteAsync(CancellationToken stoppingToken)
            {
                Thread.Sleep(1000);
                return Task.CompletedTask;
            }
        }
        """;

    private readonly PackedPackage _package;

    public RequestPathTests(PackedPackage package) => _package = package;

    [Fact]
    public void Blocking_calls_on_the_request_path_are_reported_and_background_work_is_not()
    {
        var app = _package.CreateConsumer("h12").AddWebProject();
        app.Write("App/Program.cs", Program);
        app.Write("App/Quotes.cs", Controller);

        var result = app.Build("App");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            new[]
            {
                "App/Quotes.cs(19,16): warning HK1001",
                "App/Quotes.cs(32,9): warning HK1002",
            },
            result.Diagnostics);
        Assert.Contains("reached from QuotesController.Get", result.Output);
    }

    [Fact]
    public void The_router_limit_option_comes_from_editorconfig()
    {
        var app = _package.CreateConsumer("h12-option").AddWebProject();
        app.Write("App/Program.cs", Program);
        app.Write("App/Quotes.cs", Controller);
        app.Write(".editorconfig", "root = true\n\n[*.cs]\nheroku_analyzers.router_timeout_seconds = 10\n");

        var result = app.Build("App");

        Assert.Contains("App/Program.cs(8,52): warning HK1004", result.Diagnostics);
    }

    [Fact]
    public void Dotnet_format_makes_the_action_async_without_renaming_it()
    {
        var app = _package.CreateConsumer("h12-format").AddWebProject();
        app.Write("App/Program.cs", Program);
        app.Write("App/Quotes.cs", Controller);
        Assert.Equal(0, app.Build("App").ExitCode);

        var format = app.DotNetRaw("format", "analyzers", "App/App.csproj", "--diagnostics", "HK1001", "--no-restore");

        Assert.True(format.ExitCode == 0, format.Output);
        var fixedSource = app.Read("App/Quotes.cs");
        Assert.Contains("public async Task<string> Raw(int id, [FromServices] IHttpClientFactory clients)", fixedSource);
        Assert.Contains("return await clients.CreateClient().GetStringAsync(", fixedSource);
        var rebuilt = app.Build("App");
        Assert.True(rebuilt.ExitCode == 0, rebuilt.ToString());
        Assert.DoesNotContain(rebuilt.Diagnostics, d => d.EndsWith("HK1001", StringComparison.Ordinal));
    }

    [Fact]
    public void Dotnet_format_makes_a_reached_method_async_and_awaits_it_up_to_the_handler()
    {
        var app = _package.CreateConsumer("h12-chain").AddWebProject();
        app.Write("App/Program.cs", "var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddControllers();\nvar app = builder.Build();\napp.MapControllers();\napp.Run();\n");
        app.Write("App/Orders.cs", """
            using Microsoft.AspNetCore.Mvc;

            namespace App;

            [ApiController]
            [Route("orders")]
            public sealed class OrdersController : ControllerBase
            {
                [HttpPost]
                public string Place(string item) => Warehouse.Reserve(item);
            }

            public static class Warehouse
            {
                public static string Reserve(string item)
                {
                    Thread.Sleep(500);
                    return item;
                }
            }
            """);
        Assert.Equal(new[] { "App/Orders.cs(17,9): warning HK1002" }, app.Build("App").Diagnostics);

        var format = app.DotNetRaw("format", "analyzers", "App/App.csproj", "--diagnostics", "HK1002", "--no-restore");

        Assert.True(format.ExitCode == 0, format.Output);
        var fixedSource = app.Read("App/Orders.cs");
        Assert.Contains("public async Task<string> Place(string item) => await Warehouse.Reserve(item);", fixedSource);
        Assert.Contains("public static async Task<string> Reserve(string item)", fixedSource);
        Assert.Contains("await Task.Delay(500", fixedSource);
        var rebuilt = app.Build("App");
        Assert.True(rebuilt.ExitCode == 0, rebuilt.ToString());
        Assert.Empty(rebuilt.Diagnostics);
    }

    [Fact]
    public void Reachability_exclusions_and_extra_blocking_APIs_come_from_editorconfig()
    {
        var app = _package.CreateConsumer("h12-options").AddWebProject();
        app.Write("App/Program.cs", Program);
        app.Write("App/Quotes.cs", Controller + """

            public static class Legacy
            {
                public static string Fetch() => "x";
            }

            [ApiController]
            [Route("legacy")]
            public sealed class LegacyController : ControllerBase
            {
                [HttpGet]
                public string Get() => Legacy.Fetch();
            }
            """);
        app.Write(".editorconfig", """
            root = true

            [*.cs]
            heroku_analyzers.request_path_reachability = false
            heroku_analyzers.request_path_excluded_apis = System.Threading.Tasks.Task`1:Result
            heroku_analyzers.extra_blocking_apis = App.Legacy:Fetch
            """);

        var result = app.Build("App");

        // Quotes.Load is only reached (reachability off), Task.Result is excluded, Legacy.Fetch now blocks.
        Assert.Equal(new[] { "App/Quotes.cs(55,28): warning HK1002" }, result.Diagnostics);
    }
}
