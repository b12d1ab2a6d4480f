using System.IO.Compression;
using System.Xml.Linq;
using HerokuAnalyzers.EndToEnd.Tests.Infrastructure;

namespace HerokuAnalyzers.EndToEnd.Tests;

/// <summary>The packed package in a fresh consumer: analyzer, code fix and MSBuild task, end to end.</summary>
[Collection(PackageCollection.Name)]
public sealed class FoundationTests
{
    private const string LoopbackProgram = """
        var builder = WebApplication.CreateBuilder(args);
        builder.WebHost.UseUrls("http://localhost:5000");
        var app = builder.Build();
        app.MapGet("/", () => "hello");
        app.Run();
        """;

    private const string CleanProgram = """
        var builder = WebApplication.CreateBuilder(args);
        var app = builder.Build();
        app.MapGet("/", () => "hello");
        app.Run();
        """;

    private readonly PackedPackage _package;

    public FoundationTests(PackedPackage package) => _package = package;

    [Fact]
    public void Package_has_analyzers_tasks_for_both_MSBuild_hosts_and_build_files_and_no_dependencies()
    {
        using var zip = ZipFile.OpenRead(_package.PackagePath);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet();

        Assert.Contains("analyzers/dotnet/cs/HerokuAnalyzers.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/HerokuAnalyzers.CodeFixes.dll", entries);
        Assert.Contains("tasks/net8.0/HerokuAnalyzers.Tasks.dll", entries);
        Assert.Contains("tasks/net8.0/YamlDotNet.dll", entries);
        Assert.Contains("tasks/net472/HerokuAnalyzers.Tasks.dll", entries);
        Assert.Contains("tasks/net472/YamlDotNet.dll", entries);
        Assert.Contains("build/HerokuAnalyzers.props", entries);
        Assert.Contains("build/HerokuAnalyzers.targets", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.StartsWith("analyzers/", StringComparison.Ordinal) && e.Contains("YamlDotNet", StringComparison.Ordinal));

        var nuspecEntry = zip.Entries.Single(e => e.FullName == "HerokuAnalyzers.nuspec");
        using var stream = nuspecEntry.Open();
        var nuspec = XDocument.Load(stream);
        XNamespace ns = nuspec.Root!.Name.NamespaceName;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        Assert.Equal("HerokuAnalyzers", metadata.Element(ns + "id")!.Value);
        Assert.Equal("true", metadata.Element(ns + "developmentDependency")!.Value);
        Assert.Null(metadata.Element(ns + "dependencies"));
    }

    [Fact]
    public void Build_reports_analyzer_and_task_diagnostics_at_exact_positions()
    {
        var app = _package.CreateConsumer("pipe").AddWebProject();
        app.Write("App/Program.cs", LoopbackProgram);
        app.Write("Procfile", "web: cd App/bin/publish; ./App --urls http://*:$PORT\nMy.Worker: ./worker\n");

        var result = app.Build("App");

        Assert.Equal(new[]
        {
            "App/Program.cs(2,25): warning HK3002",
            "Procfile(2,3): error HK4001",
        }, result.Diagnostics);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("docs/rules/HK4001.md", result.Output);
    }

    [Fact]
    public void A_clean_app_without_Heroku_files_builds_without_findings()
    {
        var app = _package.CreateConsumer("clean").AddWebProject();
        app.Write("App/Program.cs", CleanProgram);

        var result = app.Build("App");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void HerokuAnalyzersEnabled_false_turns_analyzers_and_tasks_off()
    {
        var app = _package.CreateConsumer("off").AddWebProject(extraProperties: "<HerokuAnalyzersEnabled>false</HerokuAnalyzersEnabled>");
        app.Write("App/Program.cs", LoopbackProgram);
        app.Write("Procfile", "My.Worker: ./worker\n");

        var result = app.Build("App");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void NoWarn_silences_task_and_analyzer_rules_and_TreatWarningsAsErrors_promotes_warnings()
    {
        var app = _package.CreateConsumer("severity").AddWebProject();
        app.Write("App/Program.cs", LoopbackProgram);
        app.Write("Procfile", "My.Worker: ./worker\n");

        var silenced = app.Build("App", "-p:NoWarn=HK4001%3BHK3002");
        Assert.True(silenced.ExitCode == 0, silenced.ToString());
        Assert.Empty(silenced.Diagnostics);

        // Analyzer diagnostics come from CoreCompile, which an incremental build skips.
        var strict = app.Build("App", "--no-incremental", "-p:TreatWarningsAsErrors=true", "-p:NoWarn=HK4001");
        Assert.Equal(new[] { "App/Program.cs(2,25): error HK3002" }, strict.Diagnostics);
    }

    [Fact]
    public void Shared_files_are_checked_by_the_deployable_project_only()
    {
        var app = _package.CreateConsumer("solution").AddWebProject("src/Web");
        app.Write("src/Web/Program.cs", "var app = WebApplication.CreateBuilder(args).Build();\napp.Run();\n");
        app.Write("src/Lib/Lib.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
              <ItemGroup><PackageReference Include="HerokuAnalyzers" Version="{_package.Version}" PrivateAssets="all" /></ItemGroup>
            </Project>
            """);
        app.Write("src/Lib/Class1.cs", "namespace Lib; public class Class1 { }\n");
        app.Write("Procfile", "web : ./Web\n");
        Assert.Equal(0, app.DotNetRaw("new", "sln", "-n", "All", "--format", "sln").ExitCode);
        Assert.Equal(0, app.DotNetRaw("sln", "All.sln", "add", "src/Web/Web.csproj", "src/Lib/Lib.csproj").ExitCode);

        var result = app.Build("All.sln");

        Assert.Equal(new[] { "Procfile(1,4): error HK4001", "Procfile(1,5): warning HK4002" }, result.Diagnostics);
        Assert.All(
            result.Output.Split('\n').Where(l => l.Contains("error HK4001", StringComparison.Ordinal)),
            l => Assert.EndsWith("Web.csproj]", l.TrimEnd()));
        Assert.DoesNotContain("Lib.csproj]", string.Join("\n", result.Output.Split('\n').Where(l => l.Contains(" HK4", StringComparison.Ordinal))));
    }

    [Fact]
    public void Dotnet_format_applies_the_HK3002_fix()
    {
        var app = _package.CreateConsumer("format").AddWebProject();
        app.Write("App/Program.cs", LoopbackProgram);
        Assert.Equal(0, app.Build("App").ExitCode);

        var format = app.DotNetRaw("format", "analyzers", "App/App.csproj", "--diagnostics", "HK3002", "--no-restore");

        Assert.True(format.ExitCode == 0, format.Output);
        Assert.Contains(
            "builder.WebHost.UseUrls($\"http://*:{Environment.GetEnvironmentVariable(\"PORT\") ?? \"5000\"}\");",
            app.Read("App/Program.cs"));
        Assert.Empty(app.Build("App").Diagnostics);
    }
}
