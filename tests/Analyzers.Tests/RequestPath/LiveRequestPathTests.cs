using System.Collections.Immutable;
using HerokuAnalyzers.Analyzers.Tests.Verification;
using HerokuAnalyzers.RequestPath;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HerokuAnalyzers.Analyzers.Tests.RequestPath;

/// <summary>
/// HK1001–HK1006 in the editor: analyzed one document at a time, as Visual Studio and the Roslyn language
/// server analyze an open file (no compilation-end actions), a multi-file app shows every request-path
/// finding, in the file it is in, and the documents together show exactly what the build shows.
/// </summary>
public class LiveRequestPathTests
{
    internal static readonly (string Path, string Text)[] App =
    [
        ("/app/Program.cs", """
            using System.Threading;
            using App.Services;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHostedService<Nightly>();
            var app = builder.Build();
            app.MapGet("/ping", () => { Thread.Sleep(10); return "pong"; });
            app.MapGet("/report", Reports.Render);
            app.UseMiddleware<Timing>();
            app.Run();
            """),
        ("/app/Controllers/OrdersController.cs", """
            using System.Net.Http;
            using System.Threading.Tasks;
            using App.Services;
            using Microsoft.AspNetCore.Mvc;

            namespace App.Controllers;

            public class OrdersController : ControllerBase
            {
                private readonly IOrderService _orders;
                private readonly HttpClient _http = new();

                public OrdersController(IOrderService orders) => _orders = orders;

                public string Get(int id) => _orders.Load(id) + _http.GetStringAsync("https://example.com").Result;

                public async Task<string> Export(int id)
                {
                    _ = _orders.AuditAsync(id);
                    return await Format(id) + Pricing.Total(id);

                    static Task<string> Format(int id) => Task.FromResult(id.ToString());
                }
            }
            """),
        ("/app/Services/OrderService.cs", """
            using System;
            using System.Diagnostics;
            using System.IO;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            namespace App.Services;

            public interface IOrderService
            {
                string Load(int id);
                Task AuditAsync(int id);
            }

            public class OrderService : IOrderService
            {
                private readonly HttpClient _http = new();

                public string Load(int id)
                {
                    Thread.Sleep(5);
                    var text = File.ReadAllText("orders/" + id);
                    Process.Start("convert")!.WaitForExit();
                    return text + Fetch(id, CancellationToken.None).Result;
                }

                private async Task<string> Fetch(int id, CancellationToken token)
                {
                    await Task.Delay(TimeSpan.FromMinutes(2), token);
                    return await _http.GetStringAsync("https://example.com/" + id);
                }

                public async Task AuditAsync(int id) => await Send(id, CancellationToken.None);

                private async Task Send(int id, CancellationToken token) => await _http.GetStringAsync("https://audit.example.com/" + id);
            }
            """),
        ("/app/Reports.cs", """
            using System.Threading;
            using Microsoft.AspNetCore.Http;

            namespace App.Services;

            public static class Reports
            {
                public static string Render(HttpContext context) => Build(context).Result;

                private static System.Threading.Tasks.Task<string> Build(HttpContext context) => context.Request.ReadFromJsonAsync<string>().AsTask()!;
            }

            public class Timing
            {
                private readonly RequestDelegate _next;

                public Timing(RequestDelegate next) => _next = next;

                public System.Threading.Tasks.Task InvokeAsync(HttpContext context)
                {
                    Thread.Sleep(1);
                    return _next(context);
                }
            }
            """),
        ("/app/Services/Pricing.cs", """
            namespace App.Services;

            public static class Pricing
            {
                public static decimal Total(int id) => Rate().Result * id;

                private static Task<decimal> Rate() => Task.FromResult(1.2m);
            }
            """),
        ("/app/Services/Nightly.cs", """
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Hosting;

            namespace App.Services;

            public class Nightly : BackgroundService
            {
                protected override Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    Thread.Sleep(1000);
                    return Cleanup().AsTask();
                }

                private static ValueTask Cleanup() { Task.Delay(100).Wait(); return default; }
            }
            """),
    ];

    internal static readonly (string Path, string Text) GlobalUsings =
        ("/app/GlobalUsings.cs", "global using System;\nglobal using System.Linq;\nglobal using System.Threading.Tasks;\n");

    /// <summary>
    /// Reported: an action, a minimal-API lambda, a method group given to MapGet, middleware, and a service
    /// behind an interface in another file with its private helper. Not reported: HK1006 in Send, which runs
    /// only as work the action starts and does not wait for; anything in the background service.
    /// </summary>
    [Fact]
    public async Task Every_document_shows_its_request_path_findings_and_together_they_are_the_build()
    {
        var compilation = Compile(App);
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new RequestPathAnalyzer());

        var build = Lines(await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync());
        var live = new List<string>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            // A fresh driver per document, as an editor analyzes the one file that is open.
            var model = compilation.GetSemanticModel(tree);
            live.AddRange(Lines(await compilation.WithAnalyzers(analyzers).GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan: null, CancellationToken.None)));
        }

        Assert.Equal(build, live.Order(StringComparer.Ordinal).ToList());
        Assert.Equal(build.Count, build.Distinct().Count());
        Assert.Equal(
            [
                "/app/Controllers/OrdersController.cs(15,53): HK1001",
                "/app/Controllers/OrdersController.cs(15,53): HK1006",
                "/app/Program.cs(9,29): HK1002",
                "/app/Reports.cs(10,86): HK1006 reached from MapGet \"/report\"",
                "/app/Reports.cs(21,9): HK1002",
                "/app/Reports.cs(8,57): HK1001",
                "/app/Services/OrderService.cs(22,9): HK1002 reached from OrdersController.Get",
                "/app/Services/OrderService.cs(23,20): HK1003 reached from OrdersController.Get",
                "/app/Services/OrderService.cs(24,9): HK1005 reached from OrdersController.Get",
                "/app/Services/OrderService.cs(25,23): HK1001 reached from OrdersController.Get",
                "/app/Services/OrderService.cs(30,26): HK1004 reached from OrdersController.Get",
                "/app/Services/OrderService.cs(31,22): HK1006 reached from OrdersController.Get",
                "/app/Services/Pricing.cs(5,44): HK1001 reached from OrdersController.Export",
            ],
            build.Select(Summary).ToList());
    }

    [Fact]
    public async Task An_open_service_file_shows_a_finding_reached_from_a_controller_in_another_file()
    {
        var compilation = Compile(App);
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath.EndsWith("OrderService.cs", StringComparison.Ordinal));
        var live = await compilation.WithAnalyzers([new RequestPathAnalyzer()])
            .GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(tree), filterSpan: null, CancellationToken.None);

        var sleep = Assert.Single(live, d => d.Id == "HK1002");
        Assert.Equal(new Microsoft.CodeAnalysis.Text.LinePosition(21, 8), sleep.Location.GetLineSpan().StartLinePosition);
        Assert.Contains("(reached from OrdersController.Get)", sleep.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain(live, d => d.Location.SourceTree != tree);
    }

    /// <summary>Call sites bound for one compilation are kept for the next while declarations stay; edits must still show.</summary>
    [Fact]
    public async Task Edits_in_another_file_change_what_the_open_service_file_shows()
    {
        var compilation = Compile(App);
        var service = compilation.SyntaxTrees.Single(t => t.FilePath.EndsWith("OrderService.cs", StringComparison.Ordinal));
        var controller = compilation.SyntaxTrees.Single(t => t.FilePath.EndsWith("OrdersController.cs", StringComparison.Ordinal));
        Assert.Contains("HK1002 reached from OrdersController.Get", await ServiceFindingsAsync(compilation));

        // Inside a body only: the action stops calling the service.
        var bodyEdit = compilation.ReplaceSyntaxTree(controller, Edit(controller, "_orders.Load(id) + ", ""));
        Assert.DoesNotContain(await ServiceFindingsAsync(bodyEdit), f => f.StartsWith("HK1002", StringComparison.Ordinal));

        // A declaration: a new controller calls the service from an action of another name.
        var newController = CSharpSyntaxTree.ParseText(
            "namespace App.Controllers;\npublic class AuditController : Microsoft.AspNetCore.Mvc.ControllerBase\n{\n    public string Check(App.Services.IOrderService orders) => orders.Load(1);\n}\n",
            (CSharpParseOptions)controller.Options,
            "/app/Controllers/AuditController.cs");
        Assert.Contains("HK1002 reached from AuditController.Check", await ServiceFindingsAsync(bodyEdit.AddSyntaxTrees(newController)));

        async Task<List<string>> ServiceFindingsAsync(Compilation current)
        {
            var tree = current.SyntaxTrees.Single(t => t.FilePath == service.FilePath);
            var live = await current.WithAnalyzers([new RequestPathAnalyzer()])
                .GetAnalyzerSemanticDiagnosticsAsync(current.GetSemanticModel(tree), filterSpan: null, CancellationToken.None);
            return Lines(live).Select(Summary).Select(l => l.Substring(l.IndexOf("HK", StringComparison.Ordinal))).ToList();
        }

        static SyntaxTree Edit(SyntaxTree tree, string from, string to)
            => tree.WithChangedText(tree.GetText().Replace(tree.GetText().ToString().IndexOf(from, StringComparison.Ordinal), from.Length, to));
    }

    [Fact]
    public void Request_path_rules_are_not_compilation_end_rules()
        => Assert.All(new RequestPathAnalyzer().SupportedDiagnostics, d => Assert.DoesNotContain(WellKnownDiagnosticTags.CompilationEnd, d.CustomTags));

    internal static CSharpCompilation Compile((string Path, string Text)[] files)
    {
        var options = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.CSharp12);
        var trees = files.Append(GlobalUsings).Select(f => CSharpSyntaxTree.ParseText(f.Text, options, f.Path)).ToList();
        var compilation = CSharpCompilation.Create(
            "App",
            trees,
            Net8References.WebApp,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return compilation;
    }

    /// <summary>"path(line,col): ID", and the handler named in the message when the finding is reached from one.</summary>
    private static string Summary(string line)
    {
        var id = line.IndexOf(": HK", StringComparison.Ordinal) + 2;
        var from = line.IndexOf("(reached from ", StringComparison.Ordinal);
        var summary = line.Substring(0, id + 6);
        return from < 0 ? summary : summary + " reached from " + line.Substring(from + 14, line.IndexOf(')', from) - from - 14);
    }

    private static List<string> Lines(IEnumerable<Diagnostic> diagnostics)
        => diagnostics
            .Where(d => d.Id.StartsWith("HK1", StringComparison.Ordinal))
            .Select(d =>
            {
                var span = d.Location.GetLineSpan();
                return $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {d.Id} {d.GetMessage()}";
            })
            .Order(StringComparer.Ordinal)
            .ToList();
}
