using System.Reflection;

namespace HerokuAnalyzers.Tasks.Tests.Infrastructure;

/// <summary>The real Heroku files collected from public repositories in ../shared/corpus.</summary>
public static class Corpus
{
    public static string RepoRoot { get; } = typeof(Corpus).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    public static string Directory { get; } = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "corpus"));

    /// <summary>Every file below corpus/&lt;category&gt;, except the SOURCES.tsv index.</summary>
    public static IEnumerable<string> Files(string category)
    {
        var folder = Path.Combine(Directory, category);
        Assert.True(System.IO.Directory.Exists(folder), $"corpus folder missing: {folder}");
        return System.IO.Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "SOURCES.tsv")
            .OrderBy(f => f, StringComparer.Ordinal);
    }
}
