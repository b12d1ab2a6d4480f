using System.Reflection;

namespace HerokuAnalyzers.Tasks.Tests.Infrastructure;

/// <summary>
/// The real Heroku files collected from public repositories in ../shared/corpus, beside this repository
/// in the workspace where it was built. A clean clone does not have it: tests that read it are extra
/// corpus checks (<see cref="ExtraCorpusFactAttribute"/>), skipped when it is absent. Everything the
/// other tests need is under tests/ (<see cref="Cases"/>).
/// </summary>
public static class Corpus
{
    public static string RepoRoot { get; } = typeof(Corpus).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    /// <summary>../shared/corpus beside the repository, or the folder HEROKU_CORPUS names (e.g. for a git worktree elsewhere).</summary>
    public static string Directory { get; } = Path.GetFullPath(Environment.GetEnvironmentVariable("HEROKU_CORPUS") is { Length: > 0 } configured
        ? configured
        : Path.Combine(RepoRoot, "..", "shared", "corpus"));

    /// <summary>True when ../shared/corpus exists next to the repository.</summary>
    public static bool IsPresent => System.IO.Directory.Exists(Directory);

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

/// <summary>
/// A fact that reads ../shared/corpus: it runs only when the corpus is there and is skipped, saying
/// so, in a clean clone. Name such tests "Extra_corpus_check_…".
/// </summary>
public sealed class ExtraCorpusFactAttribute : FactAttribute
{
    public ExtraCorpusFactAttribute()
    {
        if (!Corpus.IsPresent)
        {
            Skip = "Extra corpus check: " + Corpus.Directory + " is not present (it exists only beside the workspace this repository was built in).";
        }
    }
}

/// <summary>The repository's own minimal Heroku files, one folder per case, under tests/Tasks.Tests/Cases.</summary>
public static class Cases
{
    public static string Directory { get; } = Path.Combine(Corpus.RepoRoot, "tests", "Tasks.Tests", "Cases");

    /// <summary>The case folders of one category (procfile, appjson, herokuyml, slugignore).</summary>
    public static IEnumerable<string> Folders(string category)
        => System.IO.Directory.EnumerateDirectories(Path.Combine(Directory, category)).OrderBy(f => f, StringComparer.Ordinal);

    /// <summary>Every file of the category's cases; the seeds of the hostile-input tests.</summary>
    public static IEnumerable<string> Files(string category)
    {
        var folder = Path.Combine(Directory, category);
        Assert.True(System.IO.Directory.Exists(folder), $"case folder missing: {folder}");
        return System.IO.Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal);
    }
}
