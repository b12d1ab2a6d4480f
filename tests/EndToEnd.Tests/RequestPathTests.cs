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
}
