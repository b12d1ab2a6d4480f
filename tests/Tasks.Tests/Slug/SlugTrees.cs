using System.Diagnostics;
using System.Text;
using System.Text.Json;
using HerokuAnalyzers.Tasks.Tests.Infrastructure;

namespace HerokuAnalyzers.Tasks.Tests.Slug;

/// <summary>Deterministic file contents with known compressibility, and the real tar -czf to compare with.</summary>
internal static class SlugTrees
{
    private static readonly string[] Words =
    {
        "app", "builder", "services", "request", "response", "heroku", "dyno", "slug", "config", "var", "port",
        "logging", "information", "warning", "error", "database", "connection", "string", "public", "class",
        "return", "await", "async", "task", "controller", "route", "value", "null", "true", "false",
    };

    /// <summary>Random bytes: deflate cannot shrink them.</summary>
    public static byte[] Incompressible(int seed, int length)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Source-like text from a small vocabulary, with numbers: deflates to roughly a third.</summary>
    public static byte[] Text(int seed, int length)
    {
        var random = new Random(seed);
        var text = new StringBuilder(length + 64);
        while (text.Length < length)
        {
            text.Append(' ', random.Next(0, 3) * 4);
            for (var i = random.Next(3, 12); i > 0; i--)
            {
                text.Append(Words[random.Next(Words.Length)]).Append(random.Next(4) == 0 ? "(" + random.Next(1000) + ")" : " ");
            }

            text.Append(";\n");
        }

        return Encoding.ASCII.GetBytes(text.ToString(0, length));
    }

    /// <summary>The size of <c>tar -czf</c> of the given files, named relative to <paramref name="root"/>.</summary>
    public static long TarGzBytes(string root, IEnumerable<string> absolutePaths)
    {
        var list = Path.Combine(Path.GetTempPath(), "heroku-tests", Guid.NewGuid().ToString("N") + ".list");
        var archive = Path.ChangeExtension(list, ".tgz");
        Directory.CreateDirectory(Path.GetDirectoryName(list)!);
        File.WriteAllLines(list, absolutePaths.Select(p => Path.GetRelativePath(root, p)));
        try
        {
            var start = new ProcessStartInfo("tar") { UseShellExecute = false, RedirectStandardError = true };
            foreach (var argument in new[] { "-czf", archive, "-C", root, "--no-recursion", "-T", list })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, "tar failed: " + error);
            return new FileInfo(archive).Length;
        }
        finally
        {
            File.Delete(list);
            File.Delete(archive);
        }
    }

    public static JsonElement ReadReport(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();

    public static EstimateHerokuSlug Task(TempTree tree, FakeBuildEngine engine, string root = "repo") => new()
    {
        BuildEngine = engine,
        ProjectFile = tree.Write(root + "/App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>"),
        RepositoryRoot = tree.Path(root),
        TargetFramework = "net8.0",
        ReportFile = tree.Path(root + "/App/obj/heroku/slug-report.json"),
        CacheFile = tree.Path(root + "/App/obj/heroku/slug-cache.tsv"),
    };
}
