extern alias Tasks;

using System.Collections.Immutable;
using System.Reflection;
using System.Text.RegularExpressions;
using HerokuAnalyzers.CodeFixes.Hosting;
using HerokuAnalyzers.Hosting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using TaskRules = Tasks::HerokuAnalyzers.Tasks.Reporting.TaskRules;

namespace HerokuAnalyzers.Analyzers.Tests.Consistency;

/// <summary>
/// Every rule, analyzer or task, has a docs page, a help link to it, a README row that matches its
/// descriptor, and (analyzer rules) a release-tracking entry. The README table cannot drift.
/// </summary>
public partial class RuleCatalogTests
{
    private static readonly string RepoRoot = typeof(RuleCatalogTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    public static IEnumerable<object[]> AnalyzerRuleIds => AnalyzerDescriptors.Select(d => new object[] { d.Id });

    public static IEnumerable<object[]> TaskRuleIds => TaskRules.All.Select(r => new object[] { r.Id });

    private static ImmutableArray<DiagnosticDescriptor> AnalyzerDescriptors { get; } = typeof(ServerBindingAnalyzer).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
        .SelectMany(t => ((DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics)
        .GroupBy(d => d.Id)
        .Select(g => g.First())
        .ToImmutableArray();

    private static ImmutableHashSet<string> FixableIds { get; } = typeof(BindAllInterfacesCodeFixProvider).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t))
        .SelectMany(t => ((CodeFixProvider)Activator.CreateInstance(t)!).FixableDiagnosticIds)
        .ToImmutableHashSet();

    private static IReadOnlyDictionary<string, string[]> ReadmeRows { get; } = ReadReadmeRows();

    [Theory]
    [MemberData(nameof(AnalyzerRuleIds))]
    public void Analyzer_rule_has_docs_help_link_readme_row_and_release_entry(string id)
    {
        var descriptor = AnalyzerDescriptors.Single(d => d.Id == id);
        AssertDocsPage(id, descriptor.HelpLinkUri);

        var row = AssertReadmeRow(id, descriptor.Title.ToString(), Severity(descriptor.DefaultSeverity), FixableIds.Contains(id));
        var herokuError = Regex.Match(row[4], @"\b[HR]\d{2}\b").Value;
        // Platform pitfalls (HK8xxx) such as a redirect loop behind the router have no Heroku error code; their row names the consequence.
        Assert.False(string.IsNullOrEmpty(herokuError) && !id.StartsWith("HK8", StringComparison.Ordinal), $"README row of {id} names no Heroku error code (H12, R10 …)");
        if (herokuError.Length > 0)
        {
            Assert.Contains(herokuError, descriptor.MessageFormat.ToString());
        }

        var releases = File.ReadAllText(Path.Combine(RepoRoot, "src", "Analyzers", "AnalyzerReleases.Shipped.md"))
            + File.ReadAllText(Path.Combine(RepoRoot, "src", "Analyzers", "AnalyzerReleases.Unshipped.md"));
        Assert.Matches(new Regex($@"^{id}\s*\|\s*{Regex.Escape(descriptor.Category)}\s*\|\s*{descriptor.DefaultSeverity}\s*\|", RegexOptions.Multiline), releases);
    }

    [Theory]
    [MemberData(nameof(TaskRuleIds))]
    public void Task_rule_has_docs_help_link_and_readme_row(string id)
    {
        var rule = TaskRules.All.Single(r => r.Id == id);
        AssertDocsPage(id, rule.HelpLink);
        var row = AssertReadmeRow(id, rule.Title, rule.DefaultSeverity.ToString(), hasFix: false);
        Assert.Equal(rule.HerokuError, row[4]);
    }

    [Fact]
    public void Rule_ids_are_unique_across_analyzers_and_tasks()
    {
        var all = AnalyzerDescriptors.Select(d => d.Id).Concat(TaskRules.All.Select(r => r.Id)).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.All(all, id => Assert.Matches(@"^HK[1-9]\d{3}$", id));
    }

    [Fact]
    public void Analyzer_rules_the_gate_reports_without_compiling_keep_their_descriptor()
    {
        Assert.NotEmpty(TaskRules.AnalyzerFileHalves);
        foreach (var rule in TaskRules.AnalyzerFileHalves)
        {
            var descriptor = AnalyzerDescriptors.Single(d => d.Id == rule.Id);
            Assert.Equal(descriptor.Title.ToString(), rule.Title);
            Assert.Equal(Severity(descriptor.DefaultSeverity), rule.DefaultSeverity.ToString());
            Assert.Equal(descriptor.HelpLinkUri, rule.HelpLink);
            Assert.Equal(ReadmeRows[rule.Id][4], rule.HerokuError);
            Assert.DoesNotContain(rule, TaskRules.All);
        }
    }

    [Fact]
    public void HerokuStrict_promotes_every_analyzer_warning_rule()
    {
        var props = File.ReadAllText(Path.Combine(RepoRoot, "src", "MSBuild", "build", "HerokuAnalyzers.props"));
        var listed = Regex.Match(props, "<HerokuAnalyzerWarningRuleIds>([^<]*)</HerokuAnalyzerWarningRuleIds>").Groups[1].Value
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Order(StringComparer.Ordinal);
        Assert.Equal(AnalyzerDescriptors.Where(d => d.DefaultSeverity == DiagnosticSeverity.Warning).Select(d => d.Id).Order(StringComparer.Ordinal), listed);
    }

    [Fact]
    public void Readme_lists_no_rule_that_does_not_exist()
    {
        var known = AnalyzerDescriptors.Select(d => d.Id).Concat(TaskRules.All.Select(r => r.Id)).ToHashSet();
        Assert.DoesNotContain(ReadmeRows.Keys, id => !known.Contains(id));
    }

    private static void AssertDocsPage(string id, string helpLink)
    {
        Assert.EndsWith($"/docs/rules/{id}.md", helpLink);
        var page = Path.Combine(RepoRoot, "docs", "rules", id + ".md");
        Assert.True(File.Exists(page), $"{page} is missing");
        Assert.StartsWith($"# {id}: ", File.ReadAllText(page));
    }

    private static string[] AssertReadmeRow(string id, string title, string severity, bool hasFix)
    {
        Assert.True(ReadmeRows.TryGetValue(id, out var row), $"README rule table has no row for {id}");
        Assert.Equal($"[{id}](docs/rules/{id}.md)", row![0]);
        Assert.Equal(title, row[1]);
        Assert.Equal(severity, row[2]);
        Assert.Equal(hasFix ? "Yes" : "No", row[3]);
        Assert.False(string.IsNullOrWhiteSpace(row[4]));
        return row;
    }

    private static string Severity(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Info => "Suggestion",
        _ => severity.ToString(),
    };

    private static Dictionary<string, string[]> ReadReadmeRows()
    {
        var rows = new Dictionary<string, string[]>();
        foreach (var line in File.ReadAllLines(Path.Combine(RepoRoot, "README.md")))
        {
            var match = RuleRow().Match(line);
            if (match.Success)
            {
                var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
                rows.Add(match.Groups[1].Value, cells);
            }
        }

        return rows;
    }

    [GeneratedRegex(@"^\|\s*\[(HK\d{4})\]")]
    private static partial Regex RuleRow();
}
