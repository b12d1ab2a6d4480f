using System.Text.Json;
using HerokuAnalyzers.EndToEnd.Tests.Infrastructure;

namespace HerokuAnalyzers.EndToEnd.Tests;

/// <summary>The slug estimate after a real `dotnet publish` of a consumer app through the packed package.</summary>
[Collection(PackageCollection.Name)]
public sealed class SlugTests
{
    private readonly PackedPackage _package;

    public SlugTests(PackedPackage package) => _package = package;

    [Fact]
    public void Publish_estimates_the_slug_within_5_percent_of_a_real_tar_gz_and_flags_secrets()
    {
        var app = _package.CreateConsumer("slug").AddWebProject();
        Directory.Delete(Path.Combine(app.Root, ".git"));
        app.Write("App/Program.cs", "var app = WebApplication.CreateBuilder(args).Build();\napp.MapGet(\"/\", () => \"hi\");\napp.Run();\n");
        app.Write("Procfile", "web: cd App/bin/publish; ./App --urls http://*:$PORT\n");
        app.Write(".gitignore", "bin/\nobj/\n");
        app.Write(".env", "DATABASE_URL=postgres://user:secret@localhost/db\n");
        app.Write("docs/guide.md", string.Concat(Enumerable.Repeat("Heroku slugs hold the repository and the published app.\n", 2000)));
        Git(app, "init", "-b", "main");
        Git(app, "add", "-A");
        Git(app, "-c", "user.name=Test", "-c", "user.email=test@example.invalid", "commit", "-m", "app");

        var result = app.Run("publish", "App");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(".env(1,1): warning HK7003", result.Diagnostics);
        Assert.DoesNotContain("secret@localhost", result.Output);

        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(app.Root, "App", "obj", "heroku", "slug-report.json")));
        var root = report.RootElement;
        var files = root.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()!).ToList();
        Assert.Contains(files, f => f.EndsWith(Path.Combine("publish", "App.dll"), StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith(Path.Combine("docs", "guide.md"), StringComparison.Ordinal));
        Assert.DoesNotContain(files, f => f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

        var estimate = root.GetProperty("compressedBytes").GetInt64() - root.GetProperty("runtimeAllowanceBytes").GetInt64();
        var actual = TarGzSize(app, files);
        var deviation = Math.Abs(estimate - actual) / (double)actual;
        Assert.True(deviation <= 0.05, $"estimate {estimate} bytes vs tar.gz {actual} bytes: {deviation:P1} off");
        Assert.True(root.GetProperty("runtimeAllowanceBytes").GetInt64() > 10_000_000, "the runtime layer is tens of MB");
    }

    private static long TarGzSize(ConsumerApp app, IReadOnlyList<string> files)
    {
        var list = Path.Combine(app.Root, "..", Path.GetFileName(app.Root) + "-files.txt");
        File.WriteAllLines(list, files.Select(f => Path.GetRelativePath("/", f)));
        var archive = Path.Combine(app.Root, "..", Path.GetFileName(app.Root) + ".tar.gz");
        var tar = ProcessRunner.Run("tar", "/", new Dictionary<string, string>(), TimeSpan.FromMinutes(5), "-czf", archive, "-T", list);
        Assert.True(tar.ExitCode == 0, tar.Output);
        return new FileInfo(archive).Length;
    }

    private static void Git(ConsumerApp app, params string[] arguments)
    {
        var git = ProcessRunner.Run("git", app.Root, new Dictionary<string, string> { ["GIT_CONFIG_NOSYSTEM"] = "1" }, TimeSpan.FromMinutes(2), arguments);
        Assert.True(git.ExitCode == 0, git.Output);
    }
}
