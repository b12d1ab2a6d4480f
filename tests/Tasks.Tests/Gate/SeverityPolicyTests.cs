using HerokuAnalyzers.Tasks.Reporting;
using HerokuAnalyzers.Tasks.Tests.Infrastructure;

namespace HerokuAnalyzers.Tasks.Tests.Gate;

public sealed class SeverityPolicyTests : IDisposable
{
    private static readonly TaskRule Warning = new("HK4998", "a warning rule", FindingSeverity.Warning, "x");
    private static readonly TaskRule Error = new("HK4999", "an error rule", FindingSeverity.Error, "x");
    private readonly TempTree _tree = new();

    [Fact]
    public void Defaults_apply_without_configuration()
    {
        Assert.Equal(FindingSeverity.Warning, SeverityPolicy.Default.Apply(Warning, "/r/Procfile"));
        Assert.Equal(FindingSeverity.Error, SeverityPolicy.Default.Apply(Error, "/r/Procfile"));
    }

    [Theory]
    [InlineData(true, false, null)]
    [InlineData(false, true, null)]
    [InlineData(false, false, "HK4998")]
    public void Strict_TreatWarningsAsErrors_and_WarningsAsErrors_promote_warnings(bool strict, bool treatWarningsAsErrors, string? warningsAsErrors)
    {
        var policy = new SeverityPolicy(null, warningsAsErrors, null, treatWarningsAsErrors, strict);
        Assert.Equal(FindingSeverity.Error, policy.Apply(Warning, "/r/Procfile"));
    }

    [Fact]
    public void NoWarn_keeps_a_rule_off_even_in_strict_mode()
    {
        var policy = new SeverityPolicy("CS0168;HK4998", null, null, treatWarningsAsErrors: true, strict: true);
        Assert.Null(policy.Apply(Warning, "/r/Procfile"));
    }

    [Fact]
    public void WarningsNotAsErrors_keeps_a_warning_a_warning()
    {
        var policy = new SeverityPolicy(null, null, "HK4998", treatWarningsAsErrors: true, strict: true);
        Assert.Equal(FindingSeverity.Warning, policy.Apply(Warning, "/r/Procfile"));
    }

    [Fact]
    public void Editorconfig_none_keeps_a_rule_off_in_strict_mode_and_other_severities_apply()
    {
        var config = _tree.Write("repo/.editorconfig", "root = true\n\n[*]\ndotnet_diagnostic.HK4998.severity = none\n\n[*.json]\ndotnet_diagnostic.HK4999.severity = warning\n");
        var editorConfig = EditorConfigSeverities.Load(new[] { config });
        var policy = new SeverityPolicy(null, null, null, false, strict: true, editorConfig);

        Assert.Null(policy.Apply(Warning, _tree.Path("repo/Procfile")));
        Assert.Equal(FindingSeverity.Error, policy.Apply(Error, _tree.Path("repo/Procfile")));
        Assert.Equal(FindingSeverity.Error, policy.Apply(Error, _tree.Path("repo/app.json"))); // warning, then strict
        Assert.Equal(FindingSeverity.Warning, new SeverityPolicy(null, null, null, false, false, editorConfig).Apply(Error, _tree.Path("repo/app.json")));
    }

    [Fact]
    public void The_nearest_editorconfig_wins_and_root_stops_the_search_but_not_global_configs()
    {
        var outer = _tree.Write(".editorconfig", "[*]\ndotnet_diagnostic.HK4998.severity = error\ndotnet_diagnostic.HK4999.severity = none\n");
        var inner = _tree.Write("repo/.editorconfig", "root = true\n[Procfile]\ndotnet_diagnostic.HK4998.severity = suggestion\n");
        var global = _tree.Write("repo/.globalconfig", "is_global = true\ndotnet_diagnostic.HK4999.severity = warning\n");
        var severities = EditorConfigSeverities.Load(new[] { outer, inner, global });

        Assert.Equal(ConfiguredSeverity.Suggestion, severities.Find("HK4998", _tree.Path("repo/Procfile")));
        Assert.Equal(ConfiguredSeverity.NotConfigured, severities.Find("HK4998", _tree.Path("repo/app.json")));
        Assert.Equal(ConfiguredSeverity.Warning, severities.Find("HK4999", _tree.Path("repo/Procfile")));
    }

    public void Dispose() => _tree.Dispose();
}
