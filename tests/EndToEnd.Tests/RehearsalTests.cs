using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using HerokuAnalyzers.EndToEnd.Tests.Infrastructure;
using HerokuAnalyzers.Tests.Sarif;

namespace HerokuAnalyzers.EndToEnd.Tests;

/// <summary>
/// The dyno rehearsal (-t:HerokuRehearse) through the packed package: one small consumer app, published
/// once, whose behaviour each scenario picks with config vars (HerokuRehearsalEnvironment) or by
/// rewriting its Procfile and app.json; limits are lowered so that each scenario takes seconds. The
/// sample, copied into a consumer of the package, must rehearse clean. After every rehearsal no process
/// may be left running in the app's folders (any that is gets killed and fails the test).
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class RehearsalTests
{
    private const string WebLine = "web: cd App/bin/publish; ./App --urls http://*:$PORT\n";

    /// <summary>Every behaviour a scenario needs, switched by config vars so the app is published once.</summary>
    private const string Program = """
        var builder = WebApplication.CreateBuilder(args);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        if (Environment.GetEnvironmentVariable("STOP_SLOWLY") == "1")
        {
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMinutes(5));
            builder.Services.AddHostedService<StubbornService>();
        }

        var app = builder.Build();
        var held = Hold(int.Parse(Environment.GetEnvironmentVariable("HOLD_MB") ?? "0"));
        app.MapGet("/", () =>
            Environment.GetEnvironmentVariable("SESSION_SECRET")?.Length == 64 && Environment.GetEnvironmentVariable("DYNO") == "web.1"
                ? Results.Text(Environment.GetEnvironmentVariable("GREETING") ?? "") : Results.StatusCode(500));
        app.MapGet("/slow", async () =>
        {
            await Task.Delay(int.Parse(Environment.GetEnvironmentVariable("SLOW_MS") ?? "0"));
            return "slow";
        });
        app.MapGet("/held", () => held.Length);
        app.Run();

        static byte[] Hold(int megabytes)
        {
            var block = new byte[megabytes * 1024 * 1024];
            for (var i = 0; i < block.Length; i += 4096)
            {
                block[i] = 1;
            }

            return block;
        }

        sealed class StubbornService : IHostedService
        {
            public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

            // Never stops, whatever the token says: the process outlives SIGTERM.
            public Task StopAsync(CancellationToken cancellationToken) => Task.Delay(Timeout.Infinite);
        }
        """;

    private const string AppJson = """
        {
          "name": "rehearsal-app",
          "env": {
            "GREETING": { "description": "shown on /", "value": "hello" },
            "SESSION_SECRET": { "generator": "secret" }
          }
        }
        """;

    private static readonly object PublishLock = new();
    private static ConsumerApp? s_app;

    private readonly PackedPackage _package;

    public RehearsalTests(PackedPackage package) => _package = package;

    [Fact]
    public void A_well_behaved_app_rehearses_clean_even_in_strict_mode()
    {
        var app = PublishedApp(WebLine, AppJson);

        var result = Rehearse(app, "App", "-p:HerokuStrict=true");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(result.Diagnostics);
        Assert.Contains("Heroku dyno rehearsal of App.csproj:", result.Output);
        using var report = JsonDocument.Parse(app.Read("App/obj/heroku/rehearsal.json"));
        var path = report.RootElement.GetProperty("requests").GetProperty("paths")[0];
        Assert.Equal("/", path.GetProperty("path").GetString());
        Assert.Equal(200, path.GetProperty("statuses").GetProperty("200").GetInt32());
        Assert.True(report.RootElement.GetProperty("boot").GetProperty("accepted").GetBoolean());
        Assert.True(report.RootElement.GetProperty("shutdown").GetProperty("exited").GetBoolean());
        Assert.Equal(0, report.RootElement.GetProperty("findings").GetArrayLength());
    }

    [Fact]
    public void An_app_that_binds_5000_instead_of_PORT_fails_R10()
    {
        var app = PublishedApp("web: cd App/bin/publish; ./App\n", AppJson);

        var result = Rehearse(app, "App", "-p:HerokuBootTimeout=3");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(new[] { "Procfile(1,6): error HK9001" }, result.Diagnostics);
        Assert.Contains("R10 boot timeout", result.Output);
        // Kestrel's default address, quoted from the app's own output (or its failure to bind it).
        Assert.Contains(":5000", result.Output.Split('\n').Single(l => l.Contains("error HK9001", StringComparison.Ordinal)));
        Assert.Matches(@"R12 SIGTERM\s+not rehearsed \(the app never booted\)", result.Output);
    }

    [Fact]
    public void An_app_that_binds_PORT_on_loopback_only_fails_R10_where_the_machine_has_a_network_address()
    {
        var app = PublishedApp("web: cd App/bin/publish; ./App --urls http://127.0.0.1:$PORT\n", AppJson);

        var result = Rehearse(app, "App", "-p:HerokuRehearsalRequests=5");

        using var report = JsonDocument.Parse(app.Read("App/obj/heroku/rehearsal.json"));
        Assert.True(report.RootElement.GetProperty("boot").GetProperty("accepted").GetBoolean(), result.ToString());
        if (!report.RootElement.GetProperty("boot").TryGetProperty("externalAddress", out _))
        {
            // No interface but loopback (a container without network): loopback is all a router could reach.
            Assert.Empty(result.Diagnostics);
            return;
        }

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(new[] { "Procfile(1,6): error HK9001" }, result.Diagnostics);
        Assert.Contains("only on loopback", result.Output);
    }

    [Fact]
    public void A_slow_endpoint_a_big_heap_and_a_service_that_never_stops_fail_H12_warn_R14_and_fail_R12()
    {
        var app = PublishedApp(WebLine, AppJson);

        var watch = Stopwatch.StartNew();
        var result = Rehearse(
            app,
            "App",
            "-p:HerokuRehearsalEnvironment=SLOW_MS=4000%3BHOLD_MB=300%3BSTOP_SLOWLY=1",
            "-p:HerokuRehearsalPaths=/slow",
            "-p:HerokuRehearsalRequests=4",
            "-p:HerokuRehearsalRequestTimeout=1",
            "-p:HerokuRehearsalMemoryQuota=200",
            "-p:HerokuRehearsalShutdownTimeout=2",
            "-p:HerokuSarifLog=rehearsal.sarif");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(new[] { "Procfile(1,6): error HK9002", "Procfile(1,6): error HK9004", "Procfile(1,6): warning HK9003" }, result.Diagnostics);
        Assert.Contains("GET /slow sent no first byte within 1 s (HerokuRehearsalRequestTimeout; Heroku's limit is 30 s) in 4 of 4 requests", result.Output);
        // A timed-out request counts at the limit (1 s); on a loaded machine the measured first byte may come later.
        Assert.Matches(@"H12 GET /slow\s+4 timed out; first byte p50 [1-9]\d{3,} ms", result.Output);
        Assert.Contains("above the 200 MB quota (HerokuRehearsalMemoryQuota)", result.Output);
        Assert.Contains("still ran 2 s after SIGTERM", result.Output);
        Assert.Contains("./App --urls http://*:", result.Output);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"took {watch.Elapsed}: the lowered limits must bound the rehearsal");

        // The same findings reach SARIF like every task finding.
        var sarif = app.Read("App/rehearsal.sarif");
        Assert.Empty(SarifSchema.Validate(sarif));
        Assert.Contains("\"HK9002\"", sarif);
        Assert.Contains("\"HK9004\"", sarif);
    }

    [Fact]
    public void A_required_config_var_without_value_fails_with_its_name_and_starts_nothing()
    {
        var app = PublishedApp(WebLine, AppJson.Replace("\"env\": {", "\"env\": {\n    \"STRIPE_API_KEY\": { \"description\": \"payments\" },"));

        var result = Rehearse(app, "App");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(new[] { "app.json(4,5): error HK9005" }, result.Diagnostics);
        Assert.Contains("app.json requires the config var STRIPE_API_KEY", result.Output);
        Assert.DoesNotContain("HerokuRehearse: starting", result.Output);

        var given = Rehearse(app, "App", "-p:HerokuRehearsalEnvironment=STRIPE_API_KEY=sk_test", "-p:HerokuRehearsalRequests=5");
        Assert.True(given.ExitCode == 0, given.ToString());
        Assert.Empty(given.Diagnostics);
    }

    [Fact]
    public void A_failing_release_command_fails_the_release_and_the_web_process_never_starts()
    {
        var app = PublishedApp(WebLine + "release: echo migrating; exit 3\n", AppJson);

        var result = Rehearse(app, "App", "-p:HerokuRehearsalRelease=true");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(new[] { "Procfile(2,10): error HK9006" }, result.Diagnostics);
        Assert.Contains("The release command exited with code 3", result.Output);
        Assert.Contains("Last output: migrating", result.Output);
        Assert.DoesNotContain("R10 boot", result.Output);
    }

    [Fact]
    public void The_sample_rehearses_clean_within_20_seconds()
    {
        var repoRoot = typeof(RehearsalTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;
        var sample = Path.Combine(repoRoot, "samples", "HerokuSample");
        var app = _package.CreateConsumer("rehearse-sample");
        foreach (var file in Directory.EnumerateFiles(sample, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(sample, file);
            var top = relative.Split(Path.DirectorySeparatorChar)[0];
            if (top is "bin" or "obj")
            {
                continue;
            }

            var text = File.ReadAllText(file);
            if (relative == "HerokuSample.csproj")
            {
                text = text.Replace("</Project>", $"""
                      <ItemGroup>
                        <PackageReference Include="HerokuAnalyzers" Version="{_package.Version}" PrivateAssets="all" />
                      </ItemGroup>
                    </Project>
                    """);
            }

            app.Write(relative, text);
        }

        var publish = app.Run("publish", "HerokuSample.csproj", "-p:PublishDir=bin/publish/");
        Assert.True(publish.ExitCode == 0, publish.ToString());

        var watch = Stopwatch.StartNew();
        var result = Rehearse(app, "HerokuSample.csproj");
        watch.Stop();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(result.Diagnostics);
        Assert.Contains("H12 GET /health", result.Output);
        Assert.True(watch.Elapsed <= TimeSpan.FromSeconds(20), $"the sample's rehearsal took {watch.Elapsed}");
    }

    /// <summary>The consumer app, published once per test run, with this scenario's Procfile and app.json.</summary>
    private ConsumerApp PublishedApp(string procfile, string appJson)
    {
        ConsumerApp app;
        lock (PublishLock)
        {
            if (s_app == null || !s_app.Root.StartsWith(_package.WorkRoot, StringComparison.Ordinal))
            {
                var created = _package.CreateConsumer("rehearse").AddWebProject();
                created.Write("App/Program.cs", Program);
                created.Write("Procfile", WebLine);
                var publish = created.Run("publish", "App", "-p:PublishDir=bin/publish/");
                Assert.True(publish.ExitCode == 0, publish.ToString());
                s_app = created;
            }

            app = s_app;
        }

        app.Write("Procfile", procfile);
        app.Write("app.json", appJson);
        return app;
    }

    /// <summary>Runs the target; whatever happens, no process may outlive it in the app's folders.</summary>
    private static BuildResult Rehearse(ConsumerApp app, string project, params string[] properties)
    {
        BuildResult? result = null;
        try
        {
            result = app.Run("msbuild", project, new[] { "-t:HerokuRehearse" }.Concat(properties).ToArray());
            return result;
        }
        finally
        {
            var left = KillProcessesIn(app.Root);
            Assert.True(left.Count == 0, "processes left running after the rehearsal (now killed): " + string.Join("; ", left) + "\n" + result);
        }
    }

    /// <summary>Kills every process whose working directory is inside <paramref name="root"/> (Linux: /proc/*/cwd) and names them.</summary>
    private static List<string> KillProcessesIn(string root)
    {
        var left = new List<string>();
        if (!OperatingSystem.IsLinux())
        {
            return left;
        }

        var prefix = Path.GetFullPath(root).TrimEnd('/') + "/";
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var cwd = new DirectoryInfo(directory + "/cwd").LinkTarget;
                if (cwd == null || !(cwd + "/").StartsWith(prefix, StringComparison.Ordinal))
                {
                    continue;
                }

                left.Add(pid + " " + File.ReadAllText(directory + "/cmdline").Replace('\0', ' ').Trim());
                using var process = Process.GetProcessById(pid);
                process.Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
            {
                // Gone meanwhile, or not ours to read.
            }
        }

        return left;
    }
}
