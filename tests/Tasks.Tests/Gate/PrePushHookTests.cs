using HerokuAnalyzers.Tasks.Gate;
using HerokuAnalyzers.Tasks.Tests.Infrastructure;

namespace HerokuAnalyzers.Tasks.Tests.Gate;

public sealed class PrePushHookTests : IDisposable
{
    private readonly TempTree _tree = new();

    [Fact]
    public void Writes_an_executable_hook_that_runs_HerokuCheck_for_the_project()
    {
        _tree.CreateDirectory("repo/.git/hooks");
        var (ok, engine, task) = Install(force: false);

        Assert.True(ok, string.Join("\n", engine.Errors.Select(e => e.Message)));
        var script = File.ReadAllText(task.HookPath);
        Assert.StartsWith("#!/bin/sh\n", script);
        Assert.Contains(InstallHerokuPrePushHook.Marker, script);
        Assert.Contains("dotnet msbuild \"src/App/App.csproj\" -restore -t:HerokuCheck", script);
        if (!OperatingSystem.IsWindows())
        {
            Assert.True(File.GetUnixFileMode(task.HookPath).HasFlag(UnixFileMode.UserExecute));
        }
    }

    [Fact]
    public void Leaves_someone_elses_hook_alone_unless_forced()
    {
        var existing = _tree.Write("repo/.git/hooks/pre-push", "#!/bin/sh\nnpm test\n");

        var (ok, engine, _) = Install(force: false);
        Assert.False(ok);
        Assert.Contains("-p:Force=true", Assert.Single(engine.Errors).Message);
        Assert.Equal("#!/bin/sh\nnpm test\n", File.ReadAllText(existing));

        Assert.True(Install(force: true).Ok);
        Assert.Contains(InstallHerokuPrePushHook.Marker, File.ReadAllText(existing));
    }

    [Fact]
    public void Replaces_its_own_hook_without_force()
    {
        _tree.CreateDirectory("repo/.git/hooks");
        Assert.True(Install(force: false).Ok);
        Assert.True(Install(force: false).Ok);
    }

    [Fact]
    public void Outside_a_repository_it_says_so()
    {
        var engine = new FakeBuildEngine();
        var task = new InstallHerokuPrePushHook { BuildEngine = engine, RepositoryRoot = "", ProjectPath = _tree.Path("App.csproj") };
        Assert.False(task.Execute());
        Assert.Contains("not inside a git repository", Assert.Single(engine.Errors).Message);
    }

    private (bool Ok, FakeBuildEngine Engine, InstallHerokuPrePushHook Task) Install(bool force)
    {
        var engine = new FakeBuildEngine();
        var task = new InstallHerokuPrePushHook
        {
            BuildEngine = engine,
            RepositoryRoot = _tree.Path("repo"),
            ProjectPath = _tree.Path("repo/src/App/App.csproj"),
            Force = force,
        };
        return (task.Execute(), engine, task);
    }

    public void Dispose() => _tree.Dispose();
}
