using System.Text.RegularExpressions;
using HerokuAnalyzers.EndToEnd.Tests.Infrastructure;
using HerokuAnalyzers.Tests.Sarif;

namespace HerokuAnalyzers.EndToEnd.Tests;

/// <summary>The pre-push gate through the packed package: HerokuCheck, strict mode, SARIF, the git hook.</summary>
[Collection(PackageCollection.Name)]
public sealed partial class GateTests
{
    private const string LoopbackProgram = """
        var builder = WebApplication.CreateBuilder(args);
        builder.WebHost.UseUrls("http://localhost:5000");
        var app = builder.Build();
        app.Run();
        """;

    private readonly PackedPackage _package;

    public GateTests(PackedPackage package) => _package = package;

    [Fact]
    public void HerokuCheck_fails_on_a_Procfile_error_without_compiling()
    {
        var app = _package.CreateConsumer("check").AddWebProject();
        app.Write("App/Program.cs", "this is not C# and must never be compiled by HerokuCheck");
        app.Write("Procfile", "web: ./App --urls http://*:$PORT\nclock : ./clock\n");
        Assert.Equal(0, app.DotNetRaw("restore", "App").ExitCode);

        var result = app.Run("msbuild", "App", "-t:HerokuCheck");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(new[] { "Procfile(1,6): warning HK4007", "Procfile(2,6): error HK4001", "Procfile(2,7): warning HK4002" }, result.Diagnostics);
        Assert.DoesNotContain("CS", string.Join("\n", result.Output.Split('\n').Where(l => l.Contains(": error ", StringComparison.Ordinal) && !l.Contains("HK4001", StringComparison.Ordinal))));
        Assert.False(Directory.Exists(Path.Combine(app.Root, "App", "bin")));
    }

    [Fact]
    public void HerokuCheck_fails_closed_a_bad_slugignore_pattern_is_a_finding_and_the_Procfile_is_still_checked()
    {
        // A reversed range used to throw inside the file checks and skip all of them: the gate passed a Procfile the buildpack rejects.
        var app = _package.CreateConsumer("check-slugignore").AddWebProject();
        app.Write("App/Program.cs", "var app = WebApplication.CreateBuilder(args).Build();\napp.Run();\n");
        app.Write(".slugignore", "# logs\n[z-a].log\n");
        app.Write("Procfile", "web: cd App/bin/publish; ./App --urls http://*:$PORT\nclock : ./clock\n");

        var result = app.Run("msbuild", "App", "-restore", "-t:HerokuCheck");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(new[] { ".slugignore(2,2): warning HK7013", "Procfile(2,6): error HK4001", "Procfile(2,7): warning HK4002" }, result.Diagnostics);
        Assert.DoesNotContain("could not", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void HerokuCheck_passes_on_a_valid_app_and_the_Heroku_CI_command_runs()
    {
        var app = _package.CreateConsumer("check-ok").AddWebProject();
        app.Write("App/Program.cs", "var app = WebApplication.CreateBuilder(args).Build();\napp.Run();\n");
        app.Write("Procfile", "web: cd App/bin/publish; ./App --urls http://*:$PORT\n");

        // The command the README gives for app.json environments.test.scripts.test.
        var result = app.Run("msbuild", "App/App.csproj", "-restore", "-t:HerokuCheck", "-p:HerokuStrict=true");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void HerokuStrict_makes_analyzer_warnings_errors_but_leaves_editorconfig_none_off()
    {
        var app = _package.CreateConsumer("strict").AddWebProject();
        app.Write("App/Program.cs", LoopbackProgram);

        var strict = app.Build("App", "-p:HerokuStrict=true");
        Assert.Equal(new[] { "App/Program.cs(2,25): error HK3002" }, strict.Diagnostics);
        Assert.NotEqual(0, strict.ExitCode);

        app.Write(".editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.HK3002.severity = none\n");
        var switchedOff = app.Build("App", "--no-incremental", "-p:HerokuStrict=true");
        Assert.True(switchedOff.ExitCode == 0, switchedOff.ToString());
        Assert.Empty(switchedOff.Diagnostics);
    }

    [Fact]
    public void HerokuStrict_leaves_a_task_rule_switched_off_in_editorconfig_off()
    {
        var app = _package.CreateConsumer("strict-task").AddWebProject();
        app.Write("App/Program.cs", "var app = WebApplication.CreateBuilder(args).Build();\napp.Run();\n");
        app.Write("Procfile", "My.Worker: ./worker\n");
        app.Write(".editorconfig", "root = true\n\n[Procfile]\ndotnet_diagnostic.HK4001.severity = none\n");

        var result = app.Run("msbuild", "App", "-restore", "-t:HerokuCheck", "-p:HerokuStrict=true");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void HerokuSarifLog_writes_schema_valid_SARIF_per_project()
    {
        var app = _package.CreateConsumer("sarif").AddWebProject();
        app.Write("App/Program.cs", "var app = WebApplication.CreateBuilder(args).Build();\napp.Run();\n");
        app.Write("Procfile", "web: ./App --urls http://*:$PORT\nMy.Worker: ./worker\n");

        app.Run("msbuild", "App", "-restore", "-t:HerokuCheck", "-p:HerokuSarifLog=../artifacts/{project}.sarif");

        var json = app.Read("artifacts/App.sarif");
        Assert.Empty(SarifSchema.Validate(json));
        Assert.Contains("\"ruleId\": \"HK4001\"", json);
        Assert.Contains("\"uri\": \"Procfile\", \"uriBaseId\": \"SRCROOT\"", json);
        Assert.Contains("\"startLine\": 2, \"startColumn\": 3", json);
    }

    [Fact]
    public void Task_findings_have_the_shape_CI_problem_matchers_read()
    {
        var app = _package.CreateConsumer("matcher").AddWebProject();
        app.Write("App/Program.cs", LoopbackProgram);
        app.Write("Procfile", "web: ./App\nMy.Worker: ./worker\n");

        var lines = app.Build("App").Output.Split('\n').Select(l => l.Trim()).Where(l => l.Contains(" HK", StringComparison.Ordinal) && l.Contains("): ", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.Matches(ProblemMatcherShape(), line));
    }

    [Fact]
    public void The_pre_push_hook_refuses_a_broken_Procfile_and_lets_the_fixed_one_through()
    {
        var app = _package.CreateConsumer("hook").AddWebProject();
        Directory.Delete(Path.Combine(app.Root, ".git"));
        var remote = Path.Combine(app.Root, "..", Path.GetFileName(app.Root) + "-remote.git");
        Git(app.Root, "init", "--bare", "-b", "main", remote);
        Git(app.Root, "init", "-b", "main");
        Git(app.Root, "remote", "add", "origin", remote);
        app.Write(".gitignore", "bin/\nobj/\n");
        app.Write("App/Program.cs", "var app = WebApplication.CreateBuilder(args).Build();\napp.Run();\n");
        app.Write("Procfile", "web : ./App\n");
        Git(app.Root, "add", "-A");
        Git(app.Root, "commit", "-m", "broken Procfile");

        var install = app.Run("msbuild", "App", "-restore", "-t:HerokuInstallPrePushHook");
        Assert.True(install.ExitCode == 0, install.ToString());

        var refused = Git(app.Root, expectSuccess: false, "push", "origin", "main");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("error HK4001", refused.Output);

        app.Write("Procfile", "web: cd App/bin/publish; ./App --urls http://*:$PORT\n");
        Git(app.Root, "commit", "-am", "fix Procfile");
        var accepted = Git(app.Root, expectSuccess: false, "push", "origin", "main");
        Assert.True(accepted.ExitCode == 0, accepted.Output);
    }

    private ProcessResult Git(string directory, params string[] arguments) => Git(directory, expectSuccess: true, arguments);

    private ProcessResult Git(string directory, bool expectSuccess, params string[] arguments)
    {
        var environment = new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = _package.PackagesCache,
            ["GIT_AUTHOR_NAME"] = "Test",
            ["GIT_AUTHOR_EMAIL"] = "test@example.invalid",
            ["GIT_COMMITTER_NAME"] = "Test",
            ["GIT_COMMITTER_EMAIL"] = "test@example.invalid",
            ["GIT_CONFIG_NOSYSTEM"] = "1",
        };
        var result = ProcessRunner.Run("git", directory, environment, TimeSpan.FromMinutes(5), arguments);
        if (expectSuccess)
        {
            Assert.True(result.ExitCode == 0, $"git {string.Join(' ', arguments)}: {result.Output}");
        }

        return result;
    }

    /// <summary>What GitHub's compiler problem matcher accepts: path(line,col): severity CODE: text [project].</summary>
    [GeneratedRegex(@"^[^\s].*\(\d+,\d+\): (error|warning) [A-Za-z]+\d+: .+ \[.+\]$")]
    private static partial Regex ProblemMatcherShape();
}
