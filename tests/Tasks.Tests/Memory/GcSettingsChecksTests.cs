using HerokuAnalyzers.Tasks.AppJson;
using HerokuAnalyzers.Tasks.Memory;
using HerokuAnalyzers.Tasks.Tests.Infrastructure;

namespace HerokuAnalyzers.Tasks.Tests.Memory;

public sealed class GcSettingsChecksTests : IDisposable
{
    private readonly TempTree _tree = new();

    [Fact]
    public void A_net8_web_app_with_server_GC_on_the_default_dyno_is_reported_at_the_project()
    {
        var finding = Assert.Single(GcSettingsChecks.Check(Facts(), appJson: null));

        Assert.Equal(("HK2005", "/repo/App/App.csproj", 1, 1), (finding.Rule.Id, finding.File, finding.Line, finding.Column));
        Assert.Contains("standard-1x dyno (512 MB", finding.Message);
        Assert.Contains("R14", finding.Message);
        Assert.Contains("<GarbageCollectionAdaptationMode>1</GarbageCollectionAdaptationMode>", finding.Message);
    }

    [Fact]
    public void The_app_json_web_size_wins_and_the_finding_points_at_it()
    {
        var appJson = AppJsonModel.Load(_tree.Write("app.json", "{\n  \"formation\": { \"web\": { \"quantity\": 1, \"size\": \"standard-2x\" } }\n}"));

        var finding = Assert.Single(GcSettingsChecks.Check(Facts(dynoSize: "performance-l"), appJson));

        Assert.Equal((2, 50), (finding.Line, finding.Column));
        Assert.Contains("standard-2x dyno (1024 MB, app.json formation.web.size)", finding.Message);
    }

    [Theory]
    [InlineData("performance-m")]
    [InlineData("performance-l")]
    [InlineData("dyno-2c-4gb")]
    [InlineData("no-such-size")]
    public void Dynos_above_1_GB_or_unknown_sizes_are_silent(string dynoSize)
        => Assert.Empty(GcSettingsChecks.Check(Facts(dynoSize: dynoSize), appJson: null));

    [Theory]
    [InlineData("net9.0", true, "true", false)]
    [InlineData("net10.0", true, "true", false)]
    [InlineData("net8.0", false, "true", false)]
    [InlineData("net8.0", true, "false", false)]
    [InlineData("net8.0", true, "", false)]
    [InlineData("net8.0", true, "true", true)]
    public void Later_frameworks_workers_workstation_GC_and_projects_that_chose_their_GC_are_silent(string tfm, bool web, string serverGc, bool setByProject)
        => Assert.Empty(GcSettingsChecks.Check(new GcFacts("/repo/App/App.csproj", tfm, web, serverGc, setByProject, null), appJson: null));

    private static GcFacts Facts(string? dynoSize = null) => new("/repo/App/App.csproj", "net8.0", isWebProject: true, "true", gcSetByProject: false, dynoSize);

    public void Dispose() => _tree.Dispose();
}
