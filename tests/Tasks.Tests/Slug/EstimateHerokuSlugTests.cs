using System.Diagnostics;
using HerokuAnalyzers.Tasks.Tests.Infrastructure;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace HerokuAnalyzers.Tasks.Tests.Slug;

public sealed class EstimateHerokuSlugTests : IDisposable
{
    private readonly TempTree _tree = new();
    private readonly FakeBuildEngine _engine = new();

    [Fact]
    public void A_small_app_has_no_size_finding_and_a_report_of_every_file()
    {
        _tree.Write("repo/App/Program.cs", "var app = WebApplication.Create(args);\napp.Run();\n");
        var task = SlugTrees.Task(_tree, _engine);

        Assert.True(task.Execute());

        Assert.Empty(_engine.Findings);
        var report = SlugTrees.ReadReport(task.ReportFile!);
        var paths = report.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()).ToList();
        Assert.Equal(new[] { _tree.Path("repo/App/App.csproj"), _tree.Path("repo/App/Program.cs") }, paths);
        Assert.All(report.GetProperty("files").EnumerateArray(), f => Assert.True(f.GetProperty("compressedBytes").GetInt64() > 0));
        Assert.Equal(task.CompressedBytes, report.GetProperty("compressedBytes").GetInt64());
        Assert.Contains(_engine.Messages, m => m.Importance == MessageImportance.High && m.Message!.StartsWith("Heroku slug estimate for App.csproj", StringComparison.Ordinal));
    }

    [Fact]
    public void Above_the_warning_size_is_HK7001_at_the_project_file()
    {
        _tree.WriteBytes("repo/App/data.bin", SlugTrees.Incompressible(1, 300_000));
        var task = SlugTrees.Task(_tree, _engine);
        task.WarningSize = "0.2";

        Assert.True(task.Execute());

        var warning = Assert.Single(_engine.Warnings);
        Assert.Equal(("HK7001", task.ProjectFile, 1, 1), (warning.Code, warning.File, warning.LineNumber, warning.ColumnNumber));
        Assert.EndsWith("/docs/rules/HK7001.md", warning.HelpLink);
        Assert.Contains("0.2 MB soft limit", warning.Message);
    }

    [Fact]
    public void Above_the_maximum_is_the_HK7002_error_only()
    {
        _tree.WriteBytes("repo/App/data.bin", SlugTrees.Incompressible(2, 300_000));
        var task = SlugTrees.Task(_tree, _engine);
        task.WarningSize = "0.1";
        task.MaxSize = "0.2";

        Assert.False(task.Execute());

        Assert.Equal(new[] { "App.csproj(1,1): error HK7002" }, _engine.Findings);
        Assert.Contains("too large", _engine.Errors[0].Message);
    }

    [Fact]
    public void Slugignore_removes_files_from_the_estimate()
    {
        _tree.WriteBytes("repo/docs/manual.pdf", SlugTrees.Incompressible(3, 100_000));
        _tree.WriteBytes("repo/design/logo.psd", SlugTrees.Incompressible(4, 100_000));
        _tree.Write("repo/.slugignore", "# not needed on a dyno\n/docs\n*.psd\n");
        var task = SlugTrees.Task(_tree, _engine);

        Assert.True(task.Execute());

        var paths = ReportedPaths(task);
        Assert.DoesNotContain(_tree.Path("repo/docs/manual.pdf"), paths);
        Assert.DoesNotContain(_tree.Path("repo/design/logo.psd"), paths);
        Assert.Contains(_tree.Path("repo/.slugignore"), paths);
    }

    [Fact]
    public void In_a_git_repository_only_tracked_files_count()
    {
        _tree.Write("repo/App/Program.cs", "app.Run();\n");
        _tree.Write("repo/App/scratch.txt", "untracked notes\n");
        var task = SlugTrees.Task(_tree, _engine);
        Git("repo", "init", "-q");
        Git("repo", "add", "App/Program.cs", "App/App.csproj");

        Assert.True(task.Execute());

        Assert.Equal(new[] { _tree.Path("repo/App/App.csproj"), _tree.Path("repo/App/Program.cs") }, ReportedPaths(task));
    }

    [Fact]
    public void Published_files_count_where_the_buildpack_puts_them()
    {
        var dll = _tree.WriteBytes("repo/App/bin/Release/net8.0/publish/App.dll", SlugTrees.Incompressible(5, 50_000));
        var task = SlugTrees.Task(_tree, _engine);
        task.PublishDir = "bin/Release/net8.0/publish/";
        var item = new TaskItem(_tree.Path("repo/App/obj/Release/net8.0/App.dll"));
        item.SetMetadata("RelativePath", "App.dll");
        task.PublishedFiles = new ITaskItem[] { item };

        Assert.True(task.Execute());

        Assert.Contains(dll, ReportedPaths(task));
        Assert.Contains(_engine.Messages, m => m.Message!.Contains("App/bin/publish/App.dll", StringComparison.Ordinal));
    }

    [Fact]
    public void A_symbolic_link_loop_is_a_message_not_a_crash()
    {
        _tree.Write("repo/App/Program.cs", "app.Run();\n");
        File.CreateSymbolicLink(_tree.Path("repo/App/loop"), _tree.Path("repo/App"));
        File.CreateSymbolicLink(_tree.Path("repo/a"), _tree.Path("repo/b"));
        File.CreateSymbolicLink(_tree.Path("repo/b"), _tree.Path("repo/a"));
        var task = SlugTrees.Task(_tree, _engine);

        Assert.True(task.Execute());

        Assert.Empty(_engine.Findings);
        Assert.Contains(_engine.Messages, m => m.Message!.Contains("repo/App/loop", StringComparison.Ordinal) && m.Message.Contains("loop", StringComparison.Ordinal));
        Assert.Contains(_engine.Messages, m => m.Message!.Contains("repo/a ", StringComparison.Ordinal) && m.Message.Contains("not followed", StringComparison.Ordinal));
        Assert.Contains(_tree.Path("repo/App/loop"), ReportedPaths(task));
    }

    [Fact]
    public void An_unreadable_published_file_is_a_message_not_a_crash()
    {
        _tree.CreateDirectory("repo/App/obj/Release/net8.0/App.dll");
        var task = SlugTrees.Task(_tree, _engine);
        var item = new TaskItem(_tree.Path("repo/App/obj/Release/net8.0/App.dll"));
        item.SetMetadata("RelativePath", "App.dll");
        task.PublishedFiles = new ITaskItem[] { item };

        Assert.True(task.Execute());

        Assert.Contains(_engine.Messages, m => m.Message!.Contains("could not read", StringComparison.Ordinal) && m.Message.Contains("App.dll", StringComparison.Ordinal));
    }

    [Fact]
    public void A_named_pipe_is_not_opened_so_the_estimate_cannot_hang()
    {
        _tree.Write("repo/App/Program.cs", "app.Run();\n");
        Run("mkfifo", _tree.Path("repo/App/pipe"));
        var task = SlugTrees.Task(_tree, _engine);

        Assert.True(task.Execute());

        Assert.Contains(_tree.Path("repo/App/pipe"), ReportedPaths(task));
    }

    [Fact]
    public void A_repeat_run_reuses_the_cache_and_reports_the_findings_again()
    {
        _tree.WriteBytes("repo/App/data.bin", SlugTrees.Incompressible(6, 300_000));
        var first = SlugTrees.Task(_tree, _engine);
        first.WarningSize = "0.2";
        Assert.True(first.Execute());
        Assert.True(File.Exists(first.CacheFile));

        // A cached estimate is used as is: a doctored entry shows the file was not measured again.
        var cache = File.ReadAllLines(first.CacheFile!);
        File.WriteAllLines(first.CacheFile!, cache.Select(l => l.Contains("data.bin", StringComparison.Ordinal) ? l[..l.LastIndexOf('\t')] + "\t12345" : l));
        var engine = new FakeBuildEngine();
        var second = SlugTrees.Task(_tree, engine);
        second.WarningSize = "0.2";
        Assert.True(second.Execute());

        var report = SlugTrees.ReadReport(second.ReportFile!);
        var data = report.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("path").GetString()!.EndsWith("data.bin", StringComparison.Ordinal));
        Assert.Equal(12345, data.GetProperty("compressedBytes").GetInt64());
        Assert.Empty(engine.Findings);

        File.WriteAllLines(first.CacheFile!, cache);
        var third = new FakeBuildEngine();
        var task = SlugTrees.Task(_tree, third);
        task.WarningSize = "0.2";
        Assert.True(task.Execute());
        Assert.Equal(new[] { "App.csproj(1,1): warning HK7001" }, third.Findings);
    }

    [Fact]
    public void The_runtime_allowance_is_measured_from_the_installed_shared_frameworks()
    {
        var task = SlugTrees.Task(_tree, _engine);
        task.NetCoreRoot = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        task.TargetFramework = "net10.0";

        var watch = Stopwatch.StartNew();
        Assert.True(task.Execute());
        var firstRun = watch.Elapsed;

        var report = SlugTrees.ReadReport(task.ReportFile!);
        var runtime = report.GetProperty("runtimeAllowanceBytes").GetInt64();
        var runtimeBytes = report.GetProperty("runtimeUncompressedBytes").GetInt64();
        Assert.InRange(runtime, 10L << 20, runtimeBytes * 3 / 4);
        Assert.Contains("Microsoft.AspNetCore.App", report.GetProperty("runtime").GetString());

        watch.Restart();
        Assert.True(Run(SlugTrees.Task(_tree, new FakeBuildEngine()), task.NetCoreRoot));
        Assert.True(watch.Elapsed < firstRun, $"cached run {watch.Elapsed} not faster than {firstRun}");
        Assert.Equal(runtime, SlugTrees.ReadReport(task.ReportFile!).GetProperty("runtimeAllowanceBytes").GetInt64());
    }

    private static bool Run(EstimateHerokuSlug task, string netCoreRoot)
    {
        task.NetCoreRoot = netCoreRoot;
        task.TargetFramework = "net10.0";
        return task.Execute();
    }

    private List<string> ReportedPaths(EstimateHerokuSlug task) => SlugTrees.ReadReport(task.ReportFile!).GetProperty("files").EnumerateArray()
        .Select(f => f.GetProperty("path").GetString()!).ToList();

    private void Git(string folder, params string[] arguments) => Run("git", new[] { "-C", _tree.Path(folder) }.Concat(arguments).ToArray());

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    public void Dispose() => _tree.Dispose();
}
