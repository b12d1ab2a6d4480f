using Verify = HerokuAnalyzers.Analyzers.Tests.Verification.AnalyzerVerifier<HerokuAnalyzers.RequestPath.RequestPathAnalyzer>;

namespace HerokuAnalyzers.Analyzers.Tests.RequestPath;

/// <summary>HK1002 (sleeps, joins, spins, blocking waits) and HK1005 (child processes, Parallel.*).</summary>
public class BlockingSleepOrWaitTests
{
    private static string Handler(string body) => $$"""
        using System;
        using System.Diagnostics;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;

        var app = WebApplication.CreateBuilder(args).Build();
        var gate = new SemaphoreSlim(1);
        var ready = new ManualResetEventSlim();
        var handle = new AutoResetEvent(false);
        var worker = new Thread(() => { });
        app.MapPost("/jobs", () =>
        {
        {{body}}
        });
        app.Run();
        """;

    [Theory]
    [InlineData("{|HK1002:Thread.Sleep(500)|};")]
    [InlineData("{|HK1002:Thread.Sleep(TimeSpan.FromSeconds(1))|};")]
    [InlineData("{|HK1002:worker.Join()|};")]
    [InlineData("{|HK1002:Thread.SpinWait(1000)|};")]
    [InlineData("{|HK1002:SpinWait.SpinUntil(() => ready.IsSet)|};")]
    [InlineData("var spin = new SpinWait(); while (!ready.IsSet) {|HK1002:spin.SpinOnce()|};")]
    [InlineData("{|HK1002:gate.Wait()|};")]
    [InlineData("{|HK1002:gate.Wait(TimeSpan.FromSeconds(1))|};")]
    [InlineData("{|HK1002:ready.Wait()|};")]
    [InlineData("{|HK1002:handle.WaitOne()|};")]
    [InlineData("{|HK1002:WaitHandle.WaitAll(new WaitHandle[] { handle })|};")]
    public Task Sleeps_and_blocking_waits_are_HK1002(string body)
        => Verify.VerifyAsync(Handler(body));

    [Theory]
    [InlineData("Thread.Sleep(0);")]
    [InlineData("if (gate.Wait(0)) gate.Release();")]
    [InlineData("if (gate.Wait(TimeSpan.Zero)) gate.Release();")]
    [InlineData("_ = handle.WaitOne(0);")]
    [InlineData("_ = ready.Wait(0);")]
    public Task Zero_timeouts_only_test_the_state_and_are_not_reported(string body)
        => Verify.VerifyAsync(Handler(body));

    [Theory]
    [InlineData("{|HK1005:Process.Start(\"convert\")!.WaitForExit()|};")]
    [InlineData("{|HK1005:Parallel.For(0, 10, i => { })|};")]
    [InlineData("{|HK1005:Parallel.ForEach(new[] { 1, 2 }, i => { })|};")]
    [InlineData("{|HK1005:Parallel.Invoke(() => { }, () => { })|};")]
    public Task Processes_and_parallel_loops_are_HK1005(string body)
        => Verify.VerifyAsync(Handler(body));

    [Fact]
    public Task HK1005_names_the_router_limit_even_when_request_path_waits_are_limited_lower()
    {
        var test = new Verify.Test { TestCode = Handler("{|#0:Parallel.For(0, 10, i => { })|};") };
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("HK1005").WithLocation(0).WithArguments("Parallel.For", "", "30"));
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\nheroku_analyzers.router_timeout_seconds = 10\n"));
        return test.RunAsync();
    }

    [Fact]
    public Task Extra_blocking_apis_from_editorconfig_are_HK1002()
    {
        var test = new Verify.Test
        {
            TestCode = Handler("{|HK1002:Legacy.Client.Fetch()|};") + """

                namespace Legacy { public static class Client { public static void Fetch() { } } }
                """,
        };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\nheroku_analyzers.extra_blocking_apis = Legacy.Client:Fetch\n"));
        return test.RunAsync();
    }

    [Fact]
    public Task An_excluded_property_is_named_like_the_property_not_its_accessor()
    {
        var test = new Verify.Test { TestCode = Handler("var text = System.Threading.Tasks.Task.Run(() => \"x\").Result;") };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\nheroku_analyzers.request_path_excluded_apis = System.Threading.Tasks.Task`1:Result\n"));
        return test.RunAsync();
    }

    [Fact]
    public Task Excluded_apis_from_editorconfig_are_not_reported()
    {
        var test = new Verify.Test { TestCode = Handler("Thread.Sleep(100); gate.Wait();") };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\nheroku_analyzers.request_path_excluded_apis = System.Threading.Thread:Sleep, System.Threading.SemaphoreSlim:*\n"));
        return test.RunAsync();
    }
}
