using HerokuAnalyzers.Tasks.SlugIgnore;
using HerokuAnalyzers.Tasks.Tests.Infrastructure;

namespace HerokuAnalyzers.Tasks.Tests.SlugIgnore;

public sealed class SlugIgnoreRuleTests : IDisposable
{
    private readonly TempTree _tree = new();

    public SlugIgnoreRuleTests()
    {
        _tree.Write("App.sln", "");
        _tree.Write("global.json", "{}");
        _tree.Write("src/Api/Api.csproj", "<Project />");
        _tree.Write("src/Api/Program.cs", "");
        _tree.Write("docs/guide.md", "");
        _tree.Write("tests/Api.Tests/Api.Tests.csproj", "<Project />");
        _tree.Write("assets/logo.psd", "");
    }

    [Theory]
    [InlineData("*.sln")]
    [InlineData("/src")]
    [InlineData("src/")]
    [InlineData("global.json")]
    [InlineData("**/*.cs")]
    [InlineData("*.csproj")]
    public void Patterns_that_remove_build_inputs_are_HK7010(string pattern)
    {
        var finding = Assert.Single(Check("# comment\n" + pattern + "\n"));
        Assert.Equal(("HK7010", 2, 1), (finding.Rule.Id, finding.Line, finding.Column));
        Assert.Contains("build fails", finding.Message);
    }

    [Fact]
    public void Useful_patterns_are_clean()
    {
        Assert.Empty(Check("*.psd\n/docs\n*.md\n"));
    }

    [Fact]
    public void Removing_the_test_projects_is_reported_too_because_the_solution_builds_them()
    {
        Assert.Equal("HK7010", Assert.Single(Check("tests\n")).Rule.Id);
    }

    [Fact]
    public void Negation_is_HK7011()
    {
        var findings = Check("*.md\n!README.md\n");
        Assert.Equal(("HK7011", 2, 1), (findings.Single().Rule.Id, findings.Single().Line, findings.Single().Column));
    }

    [Fact]
    public void A_pattern_that_matches_nothing_is_a_HK7012_suggestion()
    {
        var finding = Assert.Single(Check("*.psd\n/spec\n"));
        Assert.Equal(("HK7012", 2, Reporting.FindingSeverity.Suggestion), (finding.Rule.Id, finding.Line, finding.Rule.DefaultSeverity));
    }

    [Fact]
    public void Without_the_tree_typical_build_inputs_stand_in()
    {
        var path = _tree.Write(".slugignore", "*.csproj\n/spec\n");
        var finding = Assert.Single(SlugIgnoreChecks.Check(SlugIgnoreModel.Load(path), ProjectFacts.Unknown));
        Assert.Equal("HK7010", finding.Rule.Id);
    }

    [Theory]
    [InlineData("*.psd\n[z-a].log\n", 2, 2, "'z-a'")]
    [InlineData("  logs/[0-9.log\n", 1, 8, "never closed")]
    [InlineData("./tmp/[[:word:]]\n", 1, 8, "[:word:]")]
    [InlineData("/assets/*.psd\\\n", 1, 14, "escapes nothing")]
    [InlineData("assets/[a-\\\n", 1, 11, "escapes nothing")]
    [InlineData("*.[!z-a]x\n", 1, 5, "'z-a'")]
    public void A_pattern_git_cannot_read_is_HK7013_at_the_wrong_character(string slugignore, int line, int column, string detail)
    {
        var finding = Assert.Single(Check(slugignore));
        Assert.Equal(("HK7013", line, column), (finding.Rule.Id, finding.Line, finding.Column));
        Assert.Contains(detail, finding.Message);
        Assert.Contains("stay in the slug", finding.Message);
    }

    [Fact]
    public void An_invalid_pattern_does_not_stop_the_other_slugignore_rules()
    {
        var findings = Check("[z-a].log\n*.sln\n!README.md\n/spec\n");

        Assert.Equal(new[] { ("HK7013", 1), ("HK7010", 2), ("HK7011", 3), ("HK7012", 4) }, findings.OrderBy(f => f.Line).Select(f => (f.Rule.Id, f.Line)));
    }

    [Fact]
    public void A_line_longer_than_any_path_is_HK7013_not_a_slow_match()
    {
        var finding = Assert.Single(Check("*.psd\n" + string.Concat(Enumerable.Repeat("*a", 5000)) + "\n"));
        Assert.Equal(("HK7013", 2, 1), (finding.Rule.Id, finding.Line, finding.Column));
    }

    private List<Reporting.Finding> Check(string slugignore)
    {
        var project = new ProjectFacts(_tree.Path("src/Api"), "Api", _tree.Root, isWebProject: true, inspectFileSystem: true);
        return SlugIgnoreChecks.Check(SlugIgnoreModel.Load(_tree.Write(".slugignore", slugignore)), project);
    }

    public void Dispose() => _tree.Dispose();
}
