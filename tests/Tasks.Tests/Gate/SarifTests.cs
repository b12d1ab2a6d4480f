using System.Text.Json;
using HerokuAnalyzers.Tasks.Gate;
using HerokuAnalyzers.Tasks.Tests.Infrastructure;
using HerokuAnalyzers.Tests.Sarif;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace HerokuAnalyzers.Tasks.Tests.Gate;

public sealed class SarifTests : IDisposable
{
    private readonly TempTree _tree = new();

    [Fact]
    public void Findings_become_schema_valid_SARIF_with_rules_levels_and_relative_locations()
    {
        var procfile = _tree.Write("repo/Procfile", "web : x\n");
        var findings = Check(procfile);
        var output = _tree.Path("out/heroku.sarif");

        var task = new WriteHerokuSarif { BuildEngine = new FakeBuildEngine(), OutputPath = output, Findings = findings, SourceRoot = _tree.Path("repo") };
        Assert.True(task.Execute());

        var json = File.ReadAllText(output);
        Assert.Empty(SarifSchema.Validate(json));
        using var sarif = JsonDocument.Parse(json);
        var run = sarif.RootElement.GetProperty("runs")[0];
        var result = run.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "HK4001");
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules");
        Assert.Equal("HK4001", rules[result.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
        Assert.Equal("error", result.GetProperty("level").GetString());
        var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("Procfile", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal("SRCROOT", location.GetProperty("artifactLocation").GetProperty("uriBaseId").GetString());
        Assert.Equal(1, location.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal(4, location.GetProperty("region").GetProperty("startColumn").GetInt32());
    }

    [Fact]
    public void No_findings_is_a_valid_empty_log()
    {
        var output = _tree.Path("empty.sarif");
        Assert.True(new WriteHerokuSarif { BuildEngine = new FakeBuildEngine(), OutputPath = output }.Execute());

        var json = File.ReadAllText(output);
        Assert.Empty(SarifSchema.Validate(json));
        using var sarif = JsonDocument.Parse(json);
        Assert.Equal(0, sarif.RootElement.GetProperty("runs")[0].GetProperty("results").GetArrayLength());
    }

    [Fact]
    public void The_schema_check_can_fail()
    {
        Assert.NotEmpty(SarifSchema.Validate("{\"version\": \"2.1.0\", \"runs\": [{\"results\": []}]}"));
    }

    private static ITaskItem[] Check(string procfile)
    {
        var item = new TaskItem(procfile);
        item.SetMetadata("HerokuFileKind", "Procfile");
        var check = new CheckHerokuFiles { BuildEngine = new FakeBuildEngine(), HerokuFiles = new ITaskItem[] { item } };
        check.Execute();
        return check.Findings;
    }

    public void Dispose() => _tree.Dispose();
}
