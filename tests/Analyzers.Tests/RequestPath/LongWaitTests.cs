using Verify = HerokuAnalyzers.Analyzers.Tests.Verification.AnalyzerVerifier<HerokuAnalyzers.RequestPath.RequestPathAnalyzer>;

namespace HerokuAnalyzers.Analyzers.Tests.RequestPath;

/// <summary>HK1004: constant waits longer than the router's first-byte limit.</summary>
public class LongWaitTests
{
    private static string Handler(string body) => $$"""
        using System;
        using System.Data.Common;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;

        var app = WebApplication.CreateBuilder(args).Build();
        app.MapPost("/export", async (DbCommand command, CancellationToken token) =>
        {
        {{body}}
        });
        app.Run();
        """;

    [Theory]
    [InlineData("await Task.Delay({|HK1004:60_000|}, token);")]
    [InlineData("await Task.Delay({|HK1004:TimeSpan.FromMinutes(2)|}, token);")]
    [InlineData("await Task.Delay({|HK1004:Timeout.Infinite|}, token);")]
    [InlineData("await Task.Delay({|HK1004:Timeout.InfiniteTimeSpan|}, token);")]
    [InlineData("var http = new HttpClient { Timeout = {|HK1004:TimeSpan.FromSeconds(100)|} };")]
    [InlineData("var http = new HttpClient(); http.Timeout = {|HK1004:Timeout.InfiniteTimeSpan|};")]
    [InlineData("using var cts = new CancellationTokenSource({|HK1004:new TimeSpan(0, 1, 0)|});")]
    [InlineData("using var cts = new CancellationTokenSource(); cts.CancelAfter({|HK1004:45000|});")]
    [InlineData("command.CommandTimeout = {|HK1004:120|};")]
    [InlineData("command.CommandTimeout = {|HK1004:0|};")]
    public Task Waits_longer_than_the_router_allows_are_reported(string body)
        => Verify.VerifyAsync(Handler(body));

    [Theory]
    [InlineData("await Task.Delay(500, token);")]
    [InlineData("await Task.Delay(TimeSpan.FromSeconds(30), token);")]
    [InlineData("var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };")]
    [InlineData("command.CommandTimeout = 15;")]
    [InlineData("var seconds = int.Parse(\"90\"); await Task.Delay(TimeSpan.FromSeconds(seconds), token);")]
    public Task Short_or_unknown_waits_are_not_reported(string body)
        => Verify.VerifyAsync(Handler(body));

    // Pattern from davidfowl/AspNetCoreDiagnosticScenarios TaskExtensions.WithCancellationBad: the endless
    // delay only watches the token, the request waits for the other task.
    [Theory]
    [InlineData("await Task.WhenAny(Task.Delay(1000, token), Task.Delay(Timeout.Infinite, token));")]
    [InlineData("var watcher = Task.Delay(-1, token); var done = await Task.WhenAny(Task.Delay(1000, token), watcher);")]
    [InlineData("await Task.WhenAny(new[] { Task.Delay(1000, token), Task.Delay(Timeout.InfiniteTimeSpan, token) });")]
    public Task An_endless_delay_raced_in_WhenAny_is_not_reported(string body)
        => Verify.VerifyAsync(Handler(body));

    [Theory]
    [InlineData("await Task.WhenAny(Task.Delay(1000, token), Task.Delay({|HK1004:TimeSpan.FromMinutes(5)|}, token));")]
    [InlineData("var watcher = Task.Delay({|HK1004:-1|}, token); await Task.WhenAll(Task.Delay(1000, token), watcher);")]
    public Task A_long_timeout_in_WhenAny_or_an_endless_delay_in_WhenAll_is_reported(string body)
        => Verify.VerifyAsync(Handler(body));

    [Fact]
    public Task Waits_outside_the_request_path_are_not_reported()
        => Verify.VerifyAsync("""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;

            var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
            await Task.Delay(TimeSpan.FromMinutes(1));
            WebApplication.CreateBuilder(args).Build().Run();
            """);

    [Fact]
    public Task The_message_names_the_router_limit_by_default()
    {
        var test = new Verify.Test
        {
            TestCode = Handler("await Task.Delay({|#0:TimeSpan.FromMinutes(2)|}, token);"),
        };
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("HK1004").WithLocation(0).WithArguments("Task.Delay", "", "2 min", "30", "30"));
        return test.RunAsync();
    }

    [Fact]
    public Task The_limit_comes_from_editorconfig_and_the_message_names_it_next_to_the_router_limit()
    {
        var test = new Verify.Test
        {
            TestCode = Handler("await Task.Delay({|#0:15_000|}, token);"),
        };
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("HK1004").WithLocation(0).WithArguments("Task.Delay", "", "15 s", "10", "30"));
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\nheroku_analyzers.router_timeout_seconds = 10\n"));
        return test.RunAsync();
    }
}
