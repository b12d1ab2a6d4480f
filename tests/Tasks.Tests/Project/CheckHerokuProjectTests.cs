using HerokuAnalyzers.Tasks.Tests.Infrastructure;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace HerokuAnalyzers.Tasks.Tests.Project;

/// <summary>HK7004 from the project's settings, without compiling or publishing.</summary>
public sealed class CheckHerokuProjectTests : IDisposable
{
    private readonly TempTree _tree = new();
    private readonly FakeBuildEngine _engine = new();

    [Theory]
    [InlineData("net8.0", "", null)]
    [InlineData("net10.0", "linux-x64", null)]
    [InlineData("net9.0", "linux-arm64", null)]
    [InlineData("net7.0", "", "TargetFramework 'net7.0'")]
    [InlineData("net8.0-windows", "", "TargetFramework 'net8.0-windows'")]
    [InlineData("net8.0", "win-x64", "RuntimeIdentifier 'win-x64'")]
    [InlineData("net8.0", "osx-arm64", "RuntimeIdentifier 'osx-arm64'")]
    [InlineData("net8.0", "linux-musl-x64", "RuntimeIdentifier 'linux-musl-x64'")]
    public void Target_framework_and_runtime_identifier_are_checked_against_the_buildpack(string targetFramework, string runtimeIdentifier, string? expected)
    {
        Run(task =>
        {
            task.TargetFramework = targetFramework;
            task.RuntimeIdentifier = runtimeIdentifier;
        });

        if (expected == null)
        {
            Assert.Empty(_engine.Findings);
        }
        else
        {
            Assert.Equal(new[] { "App.csproj(1,1): warning HK7004" }, _engine.Findings);
            Assert.Contains(expected, _engine.Warnings[0].Message);
        }
    }

    [Fact]
    public void Mixed_TFMs_without_global_json_make_the_buildpack_pick_the_older_SDK()
    {
        WriteSolution("App/App.csproj", "Tool/Tool.csproj");
        _tree.Write("repo/Tool/Tool.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>");

        Run();

        Assert.Equal(new[] { "App.csproj(1,1): warning HK7004" }, _engine.Findings);
        Assert.Contains("'net8.0' sorts after 'net10.0'", _engine.Warnings[0].Message);
        Assert.Contains("Tool.csproj", _engine.Warnings[0].Message);
    }

    [Theory]
    [InlineData("net9.0", null)]
    [InlineData("net10.0", "{ \"sdk\": { \"version\": \"10.0.100\" } }")]
    public void Mixed_TFMs_are_fine_when_the_text_order_matches_or_global_json_pins_the_SDK(string toolFramework, string? globalJson)
    {
        WriteSolution("App/App.csproj", "Tool/Tool.csproj");
        _tree.Write("repo/Tool/Tool.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>" + toolFramework + "</TargetFramework></PropertyGroup></Project>");
        if (globalJson != null)
        {
            _tree.Write("repo/global.json", globalJson);
        }

        Run();

        Assert.Empty(_engine.Findings);
    }

    [Fact]
    public void A_framework_number_too_large_for_an_int_is_not_a_crash()
    {
        WriteSolution("App/App.csproj", "Tool/Tool.csproj");
        _tree.Write("repo/Tool/Tool.csproj", "<Project><PropertyGroup><TargetFramework>net99999999999.0</TargetFramework></PropertyGroup></Project>");

        Assert.True(Run());

        Assert.Empty(_engine.Findings);
    }

    [Fact]
    public void NoWarn_Strict_and_the_Findings_output_apply()
    {
        var task = Task();
        task.TargetFramework = "net7.0";
        task.Strict = true;

        Assert.False(task.Execute());
        Assert.Equal(new[] { "App.csproj(1,1): error HK7004" }, _engine.Findings);
        Assert.Equal("HK7004", Assert.Single(task.Findings).GetMetadata("RuleId"));

        var off = Task();
        off.TargetFramework = "net7.0";
        off.Strict = true;
        off.NoWarn = "CS1591;HK7004";
        _engine.Errors.Clear();

        Assert.True(off.Execute());
        Assert.Empty(_engine.Findings);
        Assert.Empty(off.Findings);
    }

    private CheckHerokuProject Task() => new()
    {
        BuildEngine = _engine,
        ProjectFile = _tree.Write("repo/App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>"),
        RepositoryRoot = _tree.Path("repo"),
        TargetFramework = "net8.0",
    };

    private void WriteSolution(params string[] projects)
    {
        var lines = projects.Select((p, i) => $"Project(\"{{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}}\") = \"P{i}\", \"{p.Replace('/', '\\')}\", \"{{{Guid.NewGuid()}}}\"\nEndProject");
        _tree.Write("repo/App.sln", "Microsoft Visual Studio Solution File, Format Version 12.00\n" + string.Join("\n", lines) + "\n");
    }

    private bool Run(Action<CheckHerokuProject>? configure = null)
    {
        var task = Task();
        configure?.Invoke(task);
        return task.Execute();
    }

    public void Dispose() => _tree.Dispose();
}
