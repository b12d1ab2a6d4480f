using System.Reflection;
using System.Text.RegularExpressions;

namespace HerokuAnalyzers.Analyzers.Tests.Consistency;

/// <summary>
/// What the repository tells users about Heroku must point at something they can open: docs/heroku-facts.md
/// (in the repository) or a public source, never a notes file that exists only where the package was written.
/// </summary>
public partial class FactSourcesTests
{
    private static readonly string RepoRoot = typeof(FactSourcesTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    private static readonly string FactsFile = Path.Combine(RepoRoot, "docs", "heroku-facts.md");

    [Fact]
    public void No_file_users_get_cites_the_private_platform_notes()
    {
        var offenders = UserFacingFiles()
            .SelectMany(file => File.ReadLines(file).Select((line, index) => (file, line, index)))
            .Where(x => PrivateNotes().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(RepoRoot, x.file)}({x.index + 1}): {x.line.Trim()}")
            .ToList();
        Assert.True(offenders.Count == 0, "cite docs/heroku-facts.md or the public source instead:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void Every_link_to_the_facts_names_a_section_that_exists()
    {
        var anchors = Anchor().Matches(File.ReadAllText(FactsFile)).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("procfile", anchors);

        var links = UserFacingFiles()
            .SelectMany(file => FactsLink().Matches(File.ReadAllText(file)).Select(m => (file, anchor: m.Groups[1].Value)))
            .Concat(InternalLink().Matches(File.ReadAllText(FactsFile)).Select(m => (file: FactsFile, anchor: m.Groups[1].Value)))
            .ToList();
        Assert.True(links.Count > 50, $"only {links.Count} links to docs/heroku-facts.md found");
        var broken = links.Where(l => !anchors.Contains(l.anchor)).Select(l => $"{Path.GetRelativePath(RepoRoot, l.file)}: #{l.anchor}").Distinct().ToList();
        Assert.True(broken.Count == 0, "links to sections docs/heroku-facts.md does not have:\n" + string.Join("\n", broken));
    }

    [Fact]
    public void Every_section_of_the_facts_names_a_public_source()
    {
        var sections = Regex.Split(File.ReadAllText(FactsFile), @"^## ", RegexOptions.Multiline).Skip(1).ToList();
        Assert.True(sections.Count >= 10, $"{sections.Count} sections");
        Assert.All(sections, section => Assert.Matches(@"https://(devcenter\.heroku\.com|github\.com|learn\.microsoft\.com|help\.heroku\.com|blog\.heroku\.com|www\.heroku\.com|www\.npgsql\.org|stackexchange\.github\.io)/", section));
    }

    private static IEnumerable<string> UserFacingFiles()
    {
        var extensions = new[] { ".cs", ".md", ".props", ".targets", ".csproj" };
        return Directory.EnumerateFiles(Path.Combine(RepoRoot, "src"), "*", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(RepoRoot, "docs"), "*", SearchOption.AllDirectories))
            .Where(f => extensions.Contains(Path.GetExtension(f)))
            .Where(f => !f.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Append(Path.Combine(RepoRoot, "README.md"));
    }

    [GeneratedRegex(@"platform\.md|shared/heroku|\.\./shared|§\s?\d")]
    private static partial Regex PrivateNotes();

    [GeneratedRegex(@"<a id=""([^""]+)""></a>")]
    private static partial Regex Anchor();

    [GeneratedRegex(@"heroku-facts\.md#([A-Za-z0-9_-]+)")]
    private static partial Regex FactsLink();

    [GeneratedRegex(@"\]\(#([A-Za-z0-9_-]+)\)")]
    private static partial Regex InternalLink();
}
