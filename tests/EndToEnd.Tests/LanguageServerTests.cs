using System.Text.Json.Nodes;
using HerokuAnalyzers.EndToEnd.Tests.Infrastructure;

namespace HerokuAnalyzers.EndToEnd.Tests;

/// <summary>
/// The package in a real language server: csharp-ls (installed by the test from the NuGet registry)
/// on a fresh app that references the packed package, with `csharp.analyzersEnabled` on. A document is
/// opened, its diagnostics pulled with textDocument/diagnostic, then edited with didChange and pulled
/// again. csharp-ls loads analyzers from packages but not their code fixes (README, "In the editor").
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class LanguageServerTests : IClassFixture<LanguageServerTests.Session>
{
    private const string ProgramSource = """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddControllers();
        builder.Services.AddHttpClient();
        builder.WebHost.UseUrls("http://*:5000");
        var app = builder.Build();
        app.MapControllers();
        app.Run();
        """;

    private const string ControllerSource = """
        using Microsoft.AspNetCore.Mvc;

        namespace App.Controllers;

        [ApiController]
        [Route("orders")]
        public sealed class OrdersController(IHttpClientFactory clients) : ControllerBase
        {
            [HttpGet("{id}")]
            public string Get(int id)
            {
                var body = clients.CreateClient().GetStringAsync("https://orders.example.com/" + id).Result;
                return body;
            }
        }
        """;

    private readonly Session _session;
    private readonly PackedPackage _package;

    public LanguageServerTests(PackedPackage package, Session session)
    {
        _package = package;
        _session = session;
    }

    [Fact]
    public async Task HK3001_shows_at_its_exact_range_in_csharp_ls_and_goes_away_when_the_port_comes_from_PORT()
    {
        var server = _session.Server(_package, out var app);
        var uri = new Uri(Path.Combine(app.Root, "App", "Program.cs")).AbsoluteUri;
        server.Notify("textDocument/didOpen", Open(uri, ProgramSource));

        var shown = await PullUntilAsync(server, uri, items => items.Any(i => Code(i) == "HK3001"));
        var hk3001 = Assert.Single(shown, i => Code(i) == "HK3001");
        Assert.Equal(RangeOf(ProgramSource, "\"http://*:5000\""), Range(hk3001));

        server.Notify("textDocument/didChange", Change(uri, 2, ProgramSource.Replace("\"http://*:5000\"", "\"http://*:\" + Environment.GetEnvironmentVariable(\"PORT\")")));
        var after = await PullUntilAsync(server, uri, items => !items.Any(i => Code(i) == "HK3001"));
        Assert.Empty(after.Where(i => Code(i).StartsWith("HK", StringComparison.Ordinal)).Select(i => i.ToJsonString()));
    }

    // HK1001 (the acceptance test). On this branch HK1001 is still reported by a compilation-end
    // action; it becomes an open-file diagnostic when the `editorrp` branch merges. This test passes
    // either way: csharp-ls 0.28 computes an open document's analyzer diagnostics with a whole-compilation
    // analysis (compilation-end actions included) and keeps those in the document. What VS / VS Code
    // show is pinned by EditorBuildConsistencyTests, not by this test.
    [Fact]
    public async Task HK1001_shows_at_its_exact_range_in_csharp_ls_and_goes_away_when_the_task_is_awaited()
    {
        var server = _session.Server(_package, out var app);
        var uri = new Uri(Path.Combine(app.Root, "App", "Controllers", "OrdersController.cs")).AbsoluteUri;
        server.Notify("textDocument/didOpen", Open(uri, ControllerSource));

        var shown = await PullUntilAsync(server, uri, items => items.Any(i => Code(i) == "HK1001"));
        var hk1001 = Assert.Single(shown, i => Code(i) == "HK1001");
        Assert.Equal(RangeOf(ControllerSource, "clients.CreateClient().GetStringAsync(\"https://orders.example.com/\" + id).Result"), Range(hk1001));

        var awaited = ControllerSource
            .Replace("public string Get(int id)", "public async Task<string> Get(int id, CancellationToken cancellationToken)")
            .Replace("var body = clients", "var body = await clients")
            .Replace(" + id).Result;", " + id, cancellationToken);");
        server.Notify("textDocument/didChange", Change(uri, 2, awaited));
        var after = await PullUntilAsync(server, uri, items => !items.Any(i => Code(i) == "HK1001"));
        Assert.Empty(after.Where(i => Code(i).StartsWith("HK", StringComparison.Ordinal)).Select(i => i.ToJsonString()));
    }

    private static JsonObject Open(string uri, string text)
        => new() { ["textDocument"] = new JsonObject { ["uri"] = uri, ["languageId"] = "csharp", ["version"] = 1, ["text"] = text } };

    private static JsonObject Change(string uri, int version, string text)
        => new()
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri, ["version"] = version },
            ["contentChanges"] = new JsonArray(new JsonObject { ["text"] = text }),
        };

    /// <summary>Pulls textDocument/diagnostic until <paramref name="done"/> holds (the server loads the project first), at most three minutes.</summary>
    private static async Task<List<JsonNode>> PullUntilAsync(LanguageServer server, string uri, Func<List<JsonNode>, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        var items = new List<JsonNode>();
        while (DateTime.UtcNow < deadline)
        {
            var report = await server.RequestAsync("textDocument/diagnostic", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = uri } });
            items = (report?["items"]?.AsArray() ?? new JsonArray()).Where(i => i != null).Select(i => i!).ToList();
            if (report?["kind"]?.GetValue<string>() == "full" && done(items))
            {
                return items;
            }

            await Task.Delay(2000);
        }

        throw new TimeoutException("diagnostics never reached the expected state; last: " + string.Join("\n", items.Select(i => i.ToJsonString())) + "\n" + server.Log);
    }

    private static string Code(JsonNode item) => item["code"] is JsonValue value ? value.ToString() : item["code"]?["value"]?.ToString() ?? "";

    private static (int, int, int, int) Range(JsonNode item)
    {
        var range = item["range"]!;
        return (range["start"]!["line"]!.GetValue<int>(), range["start"]!["character"]!.GetValue<int>(), range["end"]!["line"]!.GetValue<int>(), range["end"]!["character"]!.GetValue<int>());
    }

    /// <summary>The LSP range (0-based line and character) of the one occurrence of <paramref name="text"/>, on one line.</summary>
    private static (int, int, int, int) RangeOf(string source, string text)
    {
        var lines = source.Replace("\r\n", "\n").Split('\n');
        var line = Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
        Assert.True(line >= 0, text);
        var start = lines[line].IndexOf(text, StringComparison.Ordinal);
        return (line, start, line, start + text.Length);
    }

    /// <summary>csharp-ls installed into a temporary tool path, one consumer app, one server process for the class.</summary>
    public sealed class Session : IDisposable
    {
        /// <summary>The csharp-ls release the test installs (a dotnet tool on nuget.org).</summary>
        public const string CSharpLsVersion = "0.28.0";

        private readonly string _toolRoot = Path.Combine(Path.GetTempPath(), "heroku-csharp-ls-" + Guid.NewGuid().ToString("N")[..8]);
        private readonly object _gate = new();
        private LanguageServer? _server;
        private ConsumerApp? _app;

        public LanguageServer Server(PackedPackage package, out ConsumerApp app)
        {
            lock (_gate)
            {
                if (_server == null)
                {
                    _app = package.CreateConsumer("lsp").AddWebProject();
                    _app.Write("App/Program.cs", ProgramSource);
                    _app.Write("App/Controllers/OrdersController.cs", ControllerSource);
                    var restore = _app.Run("restore", "App");
                    if (restore.ExitCode != 0)
                    {
                        throw new InvalidOperationException("restore failed:\n" + restore.Output);
                    }

                    var server = Start(_app);
                    _server = server;
                }

                app = _app!;
                return _server;
            }
        }

        public void Dispose()
        {
            _server?.Dispose();
            try
            {
                Directory.Delete(_toolRoot, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        private LanguageServer Start(ConsumerApp app)
        {
            Directory.CreateDirectory(_toolRoot);
            var toolPath = Path.Combine(_toolRoot, "tools");
            var install = DotNet.Run(_toolRoot, new Dictionary<string, string>(), TimeSpan.FromMinutes(5), "tool", "install", "csharp-ls", "--version", CSharpLsVersion, "--tool-path", toolPath);
            if (install.ExitCode != 0)
            {
                throw new InvalidOperationException("dotnet tool install csharp-ls failed:\n" + install.Output);
            }

            var executable = Path.Combine(toolPath, OperatingSystem.IsWindows() ? "csharp-ls.exe" : "csharp-ls");
            var server = LanguageServer.Start(executable, app.Root, app.Environment, new JsonObject { ["analyzersEnabled"] = true });
            var rootUri = new Uri(app.Root).AbsoluteUri;
            var initialize = new JsonObject
            {
                ["processId"] = Environment.ProcessId,
                ["rootUri"] = rootUri,
                ["workspaceFolders"] = new JsonArray(new JsonObject { ["uri"] = rootUri, ["name"] = "lsp" }),
                ["capabilities"] = new JsonObject
                {
                    ["workspace"] = new JsonObject { ["configuration"] = true, ["workspaceFolders"] = true },
                    ["textDocument"] = new JsonObject
                    {
                        ["synchronization"] = new JsonObject { ["dynamicRegistration"] = false },
                        ["diagnostic"] = new JsonObject { ["dynamicRegistration"] = false },
                        ["publishDiagnostics"] = new JsonObject(),
                    },
                },
            };
            try
            {
                var result = server.RequestAsync("initialize", initialize).GetAwaiter().GetResult();
                if (result?["capabilities"]?["diagnosticProvider"] == null)
                {
                    throw new InvalidOperationException("csharp-ls offers no pull diagnostics: " + result?.ToJsonString());
                }

                server.Notify("initialized", new JsonObject());
                return server;
            }
            catch
            {
                server.Dispose();
                throw;
            }
        }
    }
}
