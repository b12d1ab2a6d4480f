using System.Diagnostics;
using System.Text;
using HerokuAnalyzers.Tasks.Files;
using HerokuAnalyzers.Tasks.Tests.Infrastructure;

namespace HerokuAnalyzers.Tasks.Tests.Robustness;

/// <summary>
/// Bad input never crashes the build (MSB4018): random and mutated files, seeded from the repository's
/// own cases (tests/Tasks.Tests/Cases) with a fixed seed and a bounded number of rounds, go through
/// every checker without the task's safety net (an exception fails the test); huge and hostile files
/// stay within time and memory bounds. CI keeps the rounds small; bench/FileFuzz runs 10^5 and more
/// per file kind.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private const int Seed = 20240611;
    private const int RoundsPerKind = 150;

    private static readonly (string Category, HerokuFileKind Kind, string Name)[] Kinds =
    {
        ("procfile", HerokuFileKind.Procfile, "Procfile"),
        ("appjson", HerokuFileKind.AppJson, "app.json"),
        ("herokuyml", HerokuFileKind.HerokuYml, "heroku.yml"),
        ("slugignore", HerokuFileKind.SlugIgnore, ".slugignore"),
    };

    private readonly TempTree _tree = new();

    [Fact]
    public void Random_and_mutated_files_never_throw_and_findings_have_positions()
    {
        var random = new Random(Seed);
        foreach (var (category, kind, name) in Kinds)
        {
            var seeds = Cases.Files(category).Select(File.ReadAllBytes).ToList();
            for (var round = 0; round < RoundsPerKind; round++)
            {
                var bytes = round % 5 == 0 ? Mutator.RandomBytes(random) : Mutator.Mutate(seeds[random.Next(seeds.Count)], random);
                var path = _tree.WriteBytes(kind + "/" + name, bytes);
                var files = new Dictionary<HerokuFileKind, string> { [kind] = path };
                var project = new ProjectFacts(_tree.Path(kind.ToString()), "App", _tree.Root, isWebProject: true, inspectFileSystem: true);

                var findings = HerokuFileChecks.Run(files, Array.Empty<KeyValuePair<HerokuFileKind, string>>(), project);

                Assert.All(findings, f => Assert.True(f.Line >= 1 && f.Column >= 1, $"{kind} round {round}: {f}"));
            }
        }
    }

    [Theory]
    [InlineData("Procfile", "Procfile", "web: ./app --urls http://*:$PORT\n")]
    [InlineData("AppJson", "app.json", "{\"env\": {\"A\": \"b\"}, \"x\": [1, 2, 3]},\n")]
    [InlineData("HerokuYml", "heroku.yml", "- a: [1, {b: c}]\n")]
    [InlineData("SlugIgnore", ".slugignore", "**/*.psd\n")]
    public void A_50_MB_file_is_checked_in_bounded_time_and_memory(string kindName, string name, string line)
    {
        var kind = Enum.Parse<HerokuFileKind>(kindName);
        var path = _tree.Path("big/" + name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var chunk = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(line, 64 * 1024 / line.Length)));
        using (var stream = File.Create(path))
        {
            while (stream.Length < 50L * 1024 * 1024)
            {
                stream.Write(chunk);
            }
        }

        // Only the first HerokuFileText.MaxCheckedBytes are read; allocations stay linear in that cap.
        AssertBounded(() => Check(kind, path), seconds: 20, megabytes: 800);
    }

    [Fact]
    public void Deep_JSON_nesting_is_a_syntax_error_not_a_stack_overflow()
    {
        var path = _tree.Write("deep/app.json", new string('[', 1_000_000) + new string(']', 1_000_000));
        var findings = AssertBounded(() => Check(HerokuFileKind.AppJson, path), seconds: 5, megabytes: 200);
        Assert.Equal("HK5001", Assert.Single(findings).Rule.Id);
    }

    [Fact]
    public void Deep_YAML_nesting_stays_cheap()
    {
        var path = _tree.Write("deep/heroku.yml", "build: " + new string('[', 200_000) + new string(']', 200_000) + "\n");
        AssertBounded(() => Check(HerokuFileKind.HerokuYml, path), seconds: 10, megabytes: 300);
    }

    [Fact]
    public void A_YAML_alias_bomb_is_never_expanded()
    {
        var yaml = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 30; i++)
        {
            yaml.Append($"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n");
        }

        yaml.Append("build:\n  docker:\n    web: *a29\n");
        var path = _tree.Write("bomb/heroku.yml", yaml.ToString());

        var findings = AssertBounded(() => Check(HerokuFileKind.HerokuYml, path), seconds: 5, megabytes: 100);
        Assert.Contains(findings, f => f.Rule.Id == "HK6002" && f.Line == 1);
    }

    private List<Reporting.Finding> Check(HerokuFileKind kind, string path)
    {
        var project = new ProjectFacts(Path.GetDirectoryName(path), "App", Path.GetDirectoryName(path), isWebProject: true, inspectFileSystem: true);
        return HerokuFileChecks.Run(new Dictionary<HerokuFileKind, string> { [kind] = path }, Array.Empty<KeyValuePair<HerokuFileKind, string>>(), project);
    }

    /// <summary>Runs <paramref name="action"/> and bounds its wall time and its total managed allocations.</summary>
    private static T AssertBounded<T>(Func<T> action, int seconds, int megabytes)
    {
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var result = action();
        watch.Stop();
        var allocated = (GC.GetTotalAllocatedBytes(precise: true) - before) / (1024 * 1024);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(seconds), $"took {watch.Elapsed}");
        Assert.True(allocated < megabytes, $"allocated {allocated} MB");
        return result;
    }

    public void Dispose() => _tree.Dispose();
}
