using HerokuAnalyzers.Tasks.Files;
using HerokuAnalyzers.Tasks.Reporting;
using HerokuAnalyzers.Tasks.Tests.Infrastructure;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace HerokuAnalyzers.Tasks.Tests.Robustness;

/// <summary>
/// The gate fails closed: a check that throws is isolated (per file and per rule, the others still
/// report) and reported as not run, a warning in a normal build and an error in HerokuStrict and in
/// the HerokuCheck gate. The failure is injected through <see cref="CheckGuard.BeforeCheck"/>.
/// </summary>
public sealed class CheckIsolationTests : IDisposable
{
    private const string BrokenProcfile = "web: cd bin/publish; ./App --urls http://*:$PORT\nclock : ./clock\nweb: cd bin/publish; ./App\n";

    private readonly TempTree _tree = new();

    [Theory]
    [InlineData("HK4003", "HK4001|HK4002|HK7013")]
    [InlineData("HK4002", "HK4001|HK4003|HK7013")]
    [InlineData("HK7013", "HK4001|HK4002|HK4003")]
    [InlineData("reading the Procfile", "HK7013")]
    [InlineData("reading .slugignore", "HK4001|HK4002|HK4003")]
    public void One_check_that_throws_does_not_stop_the_others(string failing, string stillReported)
    {
        var failures = new List<CheckFailure>();
        var guard = new CheckGuard(failures) { BeforeCheck = check => ThrowIf(check, failing) };

        var findings = HerokuFileChecks.Run(Files(), Array.Empty<KeyValuePair<HerokuFileKind, string>>(), Project(), guard: guard);

        Assert.Equal(stillReported, string.Join("|", findings.Select(f => f.Rule.Id).Distinct().Order(StringComparer.Ordinal)));
        var failure = Assert.Single(failures);
        Assert.Equal(failing, failure.Check);
        Assert.IsType<InvalidOperationException>(failure.Exception);
    }

    [Fact]
    public void Each_Procfile_line_s_command_checks_run_on_their_own()
    {
        var failures = new List<CheckFailure>();
        var guard = new CheckGuard(failures) { BeforeCheck = check => ThrowIf(check, "the command checks of line 1 (HK4005-HK4008)") };
        var procfile = _tree.Write("app/Procfile", "web: dotnet run\nworker: dotnet watch\n");

        var findings = HerokuFileChecks.Run(new Dictionary<HerokuFileKind, string> { [HerokuFileKind.Procfile] = procfile }, Array.Empty<KeyValuePair<HerokuFileKind, string>>(), Project(), guard: guard);

        Assert.Equal(("HK4005", 2), findings.Select(f => (f.Rule.Id, f.Line)).Single());
        Assert.Single(failures);
    }

    [Fact]
    public void Without_a_recording_guard_the_exception_propagates_for_tests_and_the_fuzz_runner()
    {
        var slugignore = _tree.Write("app/.slugignore", "[z-a].log\n");
        var findings = HerokuFileChecks.Run(new Dictionary<HerokuFileKind, string> { [HerokuFileKind.SlugIgnore] = slugignore }, Array.Empty<KeyValuePair<HerokuFileKind, string>>(), Project());
        Assert.Equal("HK7013", Assert.Single(findings).Rule.Id);
    }

    [Fact]
    public void In_a_normal_build_a_check_that_could_not_run_is_a_warning_and_the_findings_are_still_reported()
    {
        var (result, engine) = Execute(task => { });

        Assert.False(result); // HK4001 is an error on its own
        Assert.Contains("Procfile(2,6): error HK4001", engine.Findings);
        var warning = Assert.Single(engine.Warnings, w => w.Code == null);
        Assert.Contains("could not run HK4003", warning.Message);
        Assert.Contains("HerokuStrict", warning.Message);
        Assert.EndsWith("Procfile", warning.File);
    }

    [Fact]
    public void A_check_that_could_not_run_outside_the_gate_is_handed_to_HerokuCheck_which_fails_on_it()
    {
        // -t:Build;HerokuCheck runs the checks once, in the build, before the gate is set: the target fails on NotChecked.
        var (_, build) = Execute(task => { }, out var notChecked);
        Assert.Single(build.Warnings, w => w.Code == null);
        var entry = Assert.Single(notChecked);
        Assert.StartsWith("HK4003 on ", entry, StringComparison.Ordinal);
        Assert.EndsWith("Procfile", entry, StringComparison.Ordinal);

        // In the gate (and under HerokuStrict) the failure is already an error: nothing is handed on.
        Execute(task => task.Gate = true, out var inGate);
        Assert.Empty(inGate);
        Execute(task => { }, out var allRan, fail: null);
        Assert.Empty(allRan);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void In_HerokuStrict_and_in_the_gate_a_check_that_could_not_run_is_an_error(bool strict, bool gate)
    {
        // A Procfile the checks accept: only the failure can fail the task.
        var (result, engine) = Execute(task => { task.Strict = strict; task.Gate = gate; }, "web: cd bin/publish; ./App --urls http://*:$PORT\nweb: cd bin/publish; ./App --urls http://*:$PORT\n", "*.md\n");

        Assert.False(result);
        var error = Assert.Single(engine.Errors, e => e.Code == null);
        Assert.Contains("could not run HK4003", error.Message);
        Assert.Contains(gate ? "This fails HerokuCheck" : "This fails the build (HerokuStrict)", error.Message);
    }

    [Fact]
    public void The_gate_passes_when_every_check_ran_and_nothing_is_wrong()
    {
        var (result, engine) = Execute(task => task.Gate = true, "web: cd bin/publish; ./App --urls http://*:$PORT\n", "*.md\n", fail: null);

        Assert.True(result);
        Assert.Empty(engine.Errors);
    }

    private (bool Result, FakeBuildEngine Engine) Execute(Action<CheckHerokuFiles> configure, out string[] notChecked, string? fail = "HK4003")
    {
        CheckHerokuFiles? executed = null;
        var result = Execute(task => { configure(task); executed = task; }, fail: fail);
        notChecked = executed!.NotChecked;
        return result;
    }

    private (bool Result, FakeBuildEngine Engine) Execute(Action<CheckHerokuFiles> configure, string procfile = BrokenProcfile, string slugignore = "[z-a].log\n", string? fail = "HK4003")
    {
        var engine = new FakeBuildEngine();
        var task = new CheckHerokuFiles
        {
            BuildEngine = engine,
            HerokuFiles = new ITaskItem[] { Item(_tree.Write("app/Procfile", procfile), "Procfile"), Item(_tree.Write("app/.slugignore", slugignore), "SlugIgnore") },
            ProjectDirectory = _tree.Path("app"),
            AssemblyName = "App",
            RepositoryRoot = _tree.Path("app"),
            IsWebProject = true,
            BeforeCheck = check => ThrowIf(check, fail),
        };
        _tree.Write("app/README.md", "");
        configure(task);
        return (task.Execute(), engine);
    }

    private static TaskItem Item(string path, string kind)
    {
        var item = new TaskItem(path);
        item.SetMetadata("HerokuFileKind", kind);
        return item;
    }

    private Dictionary<HerokuFileKind, string> Files() => new()
    {
        [HerokuFileKind.Procfile] = _tree.Write("app/Procfile", BrokenProcfile),
        [HerokuFileKind.SlugIgnore] = _tree.Write("app/.slugignore", "[z-a].log\n"),
    };

    private ProjectFacts Project() => new(_tree.Path("app"), "App", _tree.Path("app"), isWebProject: true, inspectFileSystem: true);

    private static void ThrowIf(string check, string? failing)
    {
        if (check == failing)
        {
            throw new InvalidOperationException("injected failure of " + check);
        }
    }

    public void Dispose() => _tree.Dispose();
}
