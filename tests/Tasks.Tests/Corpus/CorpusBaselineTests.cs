using HerokuAnalyzers.Tasks.Files;
using HerokuAnalyzers.Tasks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace HerokuAnalyzers.Tasks.Tests.CorpusBaseline;

/// <summary>
/// Extra corpus check: runs every file check over every file of ../shared/corpus and compares (file,
/// line, rule) with baseline.txt, which a person reviewed finding by finding. A change in what the
/// checks report on real files shows up here; set HEROKU_UPDATE_BASELINE=1 to rewrite the file, then
/// review the diff. The corpus exists only beside the workspace this repository is built in, so these
/// tests are skipped in a clean clone; the repository's own cases (OddCaseTests) always run.
/// </summary>
public class CorpusBaselineTests
{
    private readonly ITestOutputHelper _output;

    public CorpusBaselineTests(ITestOutputHelper output) => _output = output;

    private static readonly string BaselinePath = Path.Combine(Corpus.RepoRoot, "tests", "Tasks.Tests", "Corpus", "baseline.txt");

    private static readonly (string Category, HerokuFileKind Kind)[] Categories =
    {
        ("procfile", HerokuFileKind.Procfile),
        ("appjson", HerokuFileKind.AppJson),
        ("herokuyml", HerokuFileKind.HerokuYml),
        ("slugignore", HerokuFileKind.SlugIgnore),
    };

    [ExtraCorpusFact]
    public void Extra_corpus_check_findings_on_the_corpus_match_the_reviewed_baseline()
    {
        var actual = Run();
        _output.WriteLine($"Extra corpus check: {actual.Count - 1} findings on the files of {Corpus.Directory}.");
        if (Environment.GetEnvironmentVariable("HEROKU_UPDATE_BASELINE") == "1")
        {
            File.WriteAllLines(BaselinePath, actual);
        }

        var expected = File.ReadAllLines(BaselinePath).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        Assert.Equal(expected, actual.Where(l => !l.StartsWith('#')).ToList());
    }

    [ExtraCorpusFact]
    public void Extra_corpus_check_every_corpus_category_is_checked()
    {
        Assert.All(Categories, c => Assert.NotEmpty(Corpus.Files(c.Category)));
    }

    /// <summary>
    /// Each corpus file is checked as its repository's file of that kind; an app.json or heroku.yml
    /// also sees the same repository's root Procfile / heroku.yml when the corpus holds one, as a build would.
    /// </summary>
    private static List<string> Run()
    {
        var lines = new List<string> { "# file:line: rule — reviewed by hand; see the report of issue 6 for the judgement of each" };
        foreach (var (category, kind) in Categories)
        {
            foreach (var file in Corpus.Files(category))
            {
                var files = new Dictionary<HerokuFileKind, string> { [kind] = file };
                var repository = Path.GetFileName(Path.GetDirectoryName(file)!);
                AddRootSibling(files, HerokuFileKind.Procfile, "procfile", repository, "Procfile");
                AddRootSibling(files, HerokuFileKind.HerokuYml, "herokuyml", repository, "heroku.yml");

                var findings = HerokuFileChecks.Run(files, Array.Empty<KeyValuePair<HerokuFileKind, string>>(), ProjectFacts.Unknown);
                foreach (var finding in findings.Where(f => f.File == file))
                {
                    Assert.True(finding.Line >= 1 && finding.Column >= 1, finding.ToString());
                    var relative = Path.GetRelativePath(Corpus.Directory, file).Replace('\\', '/');
                    lines.Add($"{relative}:{finding.Line}: {finding.Rule.Id}");
                }
            }
        }

        return lines;
    }

    private static void AddRootSibling(Dictionary<HerokuFileKind, string> files, HerokuFileKind kind, string category, string repository, string rootPath)
    {
        if (files.ContainsKey(kind))
        {
            return;
        }

        var sources = Path.Combine(Corpus.Directory, category, "SOURCES.tsv");
        var isRoot = File.ReadLines(sources).Skip(1).Select(l => l.Split('\t')).Any(c => c.Length > 2 && c[0] == repository && c[2] == rootPath);
        var path = Path.Combine(Corpus.Directory, category, repository, rootPath);
        if (isRoot && File.Exists(path))
        {
            files[kind] = path;
        }
    }
}
