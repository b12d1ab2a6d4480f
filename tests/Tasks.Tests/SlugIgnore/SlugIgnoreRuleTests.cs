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

    private List<Reporting.Finding> Check(string slugignore)
    {
        var project = new ProjectFacts(_tree.Path("src/Api"), "Api", _tree.Root, isWebProject: true, inspectFileSystem: true);
        return SlugIgnoreChecks.Check(SlugIgnoreModel.Load(_tree.Write(".slugignore", slugignore)), project);
    }

    public void Dispose() => _tree.Dispose();
}
