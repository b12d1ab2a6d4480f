using Verify = HerokuAnalyzers.Analyzers.Tests.Verification.AnalyzerVerifier<HerokuAnalyzers.RequestPath.RequestPathAnalyzer>;

namespace HerokuAnalyzers.Analyzers.Tests.RequestPath;

/// <summary>HK1006: async calls that could take the request's token but do not.</summary>
public class RequestTokenTests
{
    private const string Usings = """
        using System.IO;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;

        """;

    [Fact]
    public Task Calls_without_a_token_are_reported_with_the_token_at_hand()
        => Verify.VerifyAsync(
            Usings + """
            var app = WebApplication.CreateBuilder(args).Build();
            app.MapGet("/a", async (HttpContext context) => await {|#0:File.ReadAllTextAsync("a.txt")|});
            app.MapGet("/b", async (HttpClient http, CancellationToken ct) => await {|#1:http.GetStringAsync("https://example.com", CancellationToken.None)|});
            app.Run();

            public class InvoicesController : ControllerBase
            {
                public async Task<string> Get(HttpClient http) => await {|#2:http.GetStringAsync("https://example.com")|};
            }
            """,
            Verify.Diagnostic("HK1006").WithLocation(0).WithArguments("File.ReadAllTextAsync", "", "context.RequestAborted"),
            Verify.Diagnostic("HK1006").WithLocation(1).WithArguments("HttpClient.GetStringAsync", "", "ct"),
            Verify.Diagnostic("HK1006").WithLocation(2).WithArguments("HttpClient.GetStringAsync", "", "HttpContext.RequestAborted"));

    [Fact]
    public Task Calls_given_a_token_or_without_one_at_hand_are_not_reported()
        => Verify.VerifyAsync(Usings + """
            var app = WebApplication.CreateBuilder(args).Build();
            app.MapGet("/a", async (HttpContext context) => await File.ReadAllTextAsync("a.txt", context.RequestAborted));
            app.MapGet("/b", async () => await File.ReadAllTextAsync("a.txt"));
            app.MapGet("/c", async (CancellationToken ct) => { using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct); await Task.Delay(10, cts.Token); });
            app.MapGet("/d", async () => await Task.Run(() => 1));
            app.Run();
            """);

    // Pattern from davidfowl/AspNetCoreDiagnosticScenarios FireAndForgetController: work queued and not
    // awaited outlives the request, so the request's token is the wrong one to give it.
    [Fact]
    public Task Calls_in_fire_and_forget_work_are_not_reported()
        => Verify.VerifyAsync(Usings + """
            WebApplication.CreateBuilder(args).Build().Run();

            public class JobsController : Controller
            {
                public IActionResult Queue(HttpClient http)
                {
                    ThreadPool.QueueUserWorkItem(async state => await http.GetStringAsync("https://example.com"));
                    Task.Run(async () => { await Task.Delay(1000); await http.GetStringAsync("https://example.com"); });
                    _ = Task.Factory.StartNew(async () => await http.GetStringAsync("https://example.com"));
                    return Accepted();
                }
            }
            """);

    [Fact]
    public Task Calls_in_awaited_thread_pool_work_are_reported()
        => Verify.VerifyAsync(Usings + """
            WebApplication.CreateBuilder(args).Build().Run();

            public class JobsController : Controller
            {
                public async Task<string> Run(HttpClient http)
                    => await Task.Run(async () => await {|#0:http.GetStringAsync("https://example.com")|});
            }
            """,
            Verify.Diagnostic("HK1006").WithLocation(0).WithArguments("HttpClient.GetStringAsync", "", "HttpContext.RequestAborted"));

    // Pattern from davidfowl/AspNetCoreDiagnosticScenarios AsyncVoidController (`_ = Echo(ws);`): a method
    // started and not waited for runs on after the response is sent; the request's token would cancel it.
    private const string Echo = """
            private async Task Echo(HttpClient http)
            {
                await http.GetStringAsync("https://example.com");
                await Pump(http);
            }

            private async Task Pump(HttpClient http) => await http.GetStringAsync("https://example.com");
        }
        """;

    [Theory]
    [InlineData("public IActionResult Get(HttpClient http) { _ = Echo(http); return Accepted(); }")]
    [InlineData("public IActionResult Get(HttpClient http) { Echo(http); return Accepted(); }")]
    [InlineData("public IActionResult Get(HttpClient http) { Task.Run(() => Echo(http)); return Accepted(); }")]
    [InlineData("public IActionResult Get(HttpClient http) { _ = Task.Run(async () => await Echo(http)); return Accepted(); }")]
    [InlineData("public IActionResult Get(HttpClient http) { _ = http.GetStringAsync(\"https://example.com\"); return Accepted(); }")]
    public Task Methods_started_and_not_waited_for_are_not_reported(string action)
        => Verify.VerifyAsync(Usings + """
            WebApplication.CreateBuilder(args).Build().Run();

            public class JobsController : Controller
            {
            """ + "    " + action + "\n" + Echo);

    [Theory]
    [InlineData("public async Task Get(HttpClient http) => await Echo(http);")]
    [InlineData("public async Task Get(HttpClient http) { var task = Echo(http); await task; }")]
    [InlineData("public Task Get(HttpClient http) => Echo(http);")]
    [InlineData("public Task Get(HttpClient http) => Task.WhenAll(Echo(http));")]
    [InlineData("public async Task Get(HttpClient http) { _ = Echo(http); await Echo(http); }")]
    public Task Methods_whose_task_is_awaited_kept_returned_or_passed_on_are_reported(string action)
        => Verify.VerifyAsync(
            Usings + """
            WebApplication.CreateBuilder(args).Build().Run();

            public class JobsController : Controller
            {
            """ + "    " + action + "\n" + """
                private async Task Echo(HttpClient http)
                {
                    await {|#0:http.GetStringAsync("https://example.com")|};
                    await Pump(http);
                }

                private async Task Pump(HttpClient http) => await {|#1:http.GetStringAsync("https://example.com")|};
            }
            """,
            Verify.Diagnostic("HK1006").WithLocation(0).WithArguments("HttpClient.GetStringAsync", " (reached from JobsController.Get)", "HttpContext.RequestAborted"),
            Verify.Diagnostic("HK1006").WithLocation(1).WithArguments("HttpClient.GetStringAsync", " (reached from JobsController.Get)", "HttpContext.RequestAborted"));

    // Only the token advice is wrong for detached work: blocking in it still holds a dyno thread.
    [Fact]
    public Task Blocking_in_a_method_started_and_not_waited_for_is_still_reported()
        => Verify.VerifyAsync(
            Usings + """
            WebApplication.CreateBuilder(args).Build().Run();

            public class JobsController : Controller
            {
                public IActionResult Get(HttpClient http) { _ = Echo(http); return Accepted(); }

                private async Task Echo(HttpClient http)
                {
                    {|#0:Thread.Sleep(10)|};
                    await http.GetStringAsync("https://example.com");
                }
            }
            """,
            Verify.Diagnostic("HK1002").WithLocation(0).WithArguments("Thread.Sleep", " (reached from JobsController.Get)"));
}
