extern alias Tasks;

using System.Reflection;
using System.Text.RegularExpressions;
using TaskRule = Tasks::HerokuAnalyzers.Tasks.Reporting.TaskRule;
using TaskRules = Tasks::HerokuAnalyzers.Tasks.Reporting.TaskRules;

namespace HerokuAnalyzers.Analyzers.Tests.Consistency;

/// <summary>
/// Task rules are findable by ID like the analyzers' descriptors: the field is named HKnnnn_Name, and
/// src/MSBuild/TaskRuleReleases.*.md records each rule once, as AnalyzerReleases.*.md does for analyzers.
/// </summary>
public partial class RuleCatalogTests
{
    private static IReadOnlyList<(string Field, TaskRule Rule)> TaskRuleFields { get; } = typeof(TaskRules)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(TaskRule))
        .Select(f => (f.Name, (TaskRule)f.GetValue(null)!))
        .ToList();

    private static string TaskReleases { get; } =
        File.ReadAllText(Path.Combine(RepoRoot, "src", "MSBuild", "TaskRuleReleases.Shipped.md"))
        + "\n" + File.ReadAllText(Path.Combine(RepoRoot, "src", "MSBuild", "TaskRuleReleases.Unshipped.md"));

    [Theory]
    [MemberData(nameof(TaskRuleIds))]
    public void Task_rule_field_is_named_by_its_id_and_has_one_release_entry(string id)
    {
        var field = Assert.Single(TaskRuleFields, f => f.Rule.Id == id);
        Assert.Matches($"^{id}_[A-Z][A-Za-z0-9]+$", field.Field);

        var rule = field.Rule;
        var entries = new Regex($@"^{id}\s*\|\s*Heroku\.[A-Za-z]+\s*\|\s*{rule.DefaultSeverity}\s*\|", RegexOptions.Multiline).Matches(TaskReleases);
        Assert.True(entries.Count == 1, $"{id} needs exactly one 'Rule ID | Category | Severity | Notes' line with severity {rule.DefaultSeverity} in src/MSBuild/TaskRuleReleases.*.md; found {entries.Count}");
    }

    [Fact]
    public void Every_task_rule_field_is_in_the_catalog_and_every_release_entry_is_a_task_rule()
    {
        Assert.Equal(TaskRuleFields.Select(f => f.Rule.Id).Order(StringComparer.Ordinal), TaskRules.All.Concat(TaskRules.AnalyzerFileHalves).Select(r => r.Id).Order(StringComparer.Ordinal));

        var released = Regex.Matches(TaskReleases, @"^(HK\d{4})\s*\|", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        Assert.True(released.Count >= TaskRules.All.Count, $"{released.Count} release entries");
        Assert.Empty(released.Except(TaskRules.All.Select(r => r.Id)));
    }
}
