using Microsoft.CodeAnalysis.Testing;
using Verify = HerokuAnalyzers.Analyzers.Tests.Verification.AnalyzerVerifier<HerokuAnalyzers.RequestPath.RequestPathAnalyzer>;

namespace HerokuAnalyzers.Analyzers.Tests.RequestPath;

/// <summary>Code a handler calls is on the request path and names that handler; code no handler reaches is not.</summary>
public class ReachabilityTests
{
    private const string Program = """
        using System;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        WebApplication.CreateBuilder(args).Build().Run();

        """;

    [Fact]
    public Task A_helper_called_by_an_action_is_reported_with_the_action_that_reaches_it()
        => Verify.VerifyAsync(
            Program + """
            public class InvoicesController : ControllerBase
            {
                public int Get() => Totals.Compute();
            }

            static class Totals
            {
                public static int Compute() => {|#1:Fetch().Result|} + Deeper();
                private static Task<int> Fetch() => Task.FromResult(1).ContinueWith(t => t.Result);
                private static int Deeper() { {|#0:Thread.Sleep(10)|}; return 0; }
            }
            """,
            Verify.Diagnostic("HK1002").WithLocation(0).WithArguments("Thread.Sleep", " (reached from InvoicesController.Get)"),
            Verify.Diagnostic("HK1001").WithLocation(1).WithArguments("Task.Result", " (reached from InvoicesController.Get)"));

    [Fact]
    public Task Services_behind_interfaces_and_virtual_methods_are_followed()
        => Verify.VerifyAsync(
            Program + """
            public interface IInvoiceStore { int Count(); }

            public class SqlInvoiceStore : IInvoiceStore
            {
                public int Count() { {|#0:Thread.Sleep(10)|}; return 0; }
            }

            public abstract class Exporter { public abstract void Export(); }

            public class CsvExporter : Exporter
            {
                public override void Export() => {|#1:Thread.Sleep(10)|};
            }

            public class InvoicesController : ControllerBase
            {
                private readonly IInvoiceStore _store;
                private readonly Exporter _exporter;
                public InvoicesController(IInvoiceStore store, Exporter exporter) { _store = store; _exporter = exporter; }
                public int Count() => _store.Count();
                public void Export() => _exporter.Export();
            }
            """,
            Verify.Diagnostic("HK1002").WithLocation(0).WithArguments("Thread.Sleep", " (reached from InvoicesController.Count)"),
            Verify.Diagnostic("HK1002").WithLocation(1).WithArguments("Thread.Sleep", " (reached from InvoicesController.Export)"));

    [Fact]
    public Task Lambdas_local_functions_and_method_groups_in_a_handler_are_followed()
        => Verify.VerifyAsync(
            Program + """
            public class ReportsController : ControllerBase
            {
                public int[] Get() => new[] { 1, 2 }.Select(i => Work.Slow(i)).ToArray();
                public void Post() { Local(); void Local() => {|#0:Thread.Sleep(10)|}; }
                public int[] Put() => new[] { 1 }.Select(Work.Slower).ToArray();
            }

            static class Work
            {
                public static int Slow(int i) { {|#1:Thread.Sleep(i)|}; return i; }
                public static int Slower(int i) { {|#2:Thread.Sleep(i)|}; return i; }
            }
            """,
            Verify.Diagnostic("HK1002").WithLocation(0).WithArguments("Thread.Sleep", " (reached from ReportsController.Post)"),
            Verify.Diagnostic("HK1002").WithLocation(1).WithArguments("Thread.Sleep", " (reached from ReportsController.Get)"),
            Verify.Diagnostic("HK1002").WithLocation(2).WithArguments("Thread.Sleep", " (reached from ReportsController.Put)"));

    [Fact]
    public Task Background_services_hosted_services_and_unreached_helpers_are_not_reported()
        => Verify.VerifyAsync(Program + """
            public class Cleanup : BackgroundService
            {
                protected override Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    Thread.Sleep(1000);
                    Helper.Block().Wait();
                    return Task.CompletedTask;
                }
            }

            public class Warmup : IHostedService
            {
                public Task StartAsync(CancellationToken cancellationToken) { Thread.Sleep(1000); return Task.CompletedTask; }
                public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            }

            static class Helper
            {
                public static Task Block() { Thread.Sleep(1000); return Task.CompletedTask; }
                public static int Unused(Task<int> t) => t.Result;
            }

            public class HealthController : ControllerBase
            {
                public string Get() => "ok";
            }
            """);

    [Fact]
    public Task Startup_code_in_Program_is_not_the_request_path()
        => Verify.VerifyAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;

            var builder = WebApplication.CreateBuilder(args);
            Thread.Sleep(100);
            var app = builder.Build();
            Seed().Wait();
            app.MapGet("/", () => "ok");
            app.Run();

            static Task Seed() => Task.Delay(100);
            """);

    [Fact]
    public Task A_helper_shared_by_a_background_service_and_a_handler_is_reported_once_for_the_handler()
        => Verify.VerifyAsync(
            Program + """
            public class Sync : BackgroundService
            {
                protected override Task ExecuteAsync(CancellationToken stoppingToken) { Shared.Run(); return Task.CompletedTask; }
            }

            static class Shared
            {
                public static void Run() => {|#0:Thread.Sleep(10)|};
            }

            public class SyncController : ControllerBase
            {
                public void Post() => Shared.Run();
            }
            """,
            Verify.Diagnostic("HK1002").WithLocation(0).WithArguments("Thread.Sleep", " (reached from SyncController.Post)"));

    [Fact]
    public Task Reachability_can_be_turned_off_to_check_handler_bodies_only()
    {
        var test = new Verify.Test
        {
            TestCode = Program + """
                public class InvoicesController : ControllerBase
                {
                    public void Get() { {|HK1002:Thread.Sleep(1)|}; Helper.Run(); }
                }

                static class Helper
                {
                    public static void Run() => Thread.Sleep(10);
                }
                """,
        };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\nheroku_analyzers.request_path_reachability = false\n"));
        return test.RunAsync();
    }
}
