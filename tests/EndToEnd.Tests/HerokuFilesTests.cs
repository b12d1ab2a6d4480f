using HerokuAnalyzers.EndToEnd.Tests.Infrastructure;

namespace HerokuAnalyzers.EndToEnd.Tests;

/// <summary>The Procfile, app.json, heroku.yml and .slugignore checks through the packed package.</summary>
[Collection(PackageCollection.Name)]
public sealed class HerokuFilesTests
{
    private const string Program = "var app = WebApplication.CreateBuilder(args).Build();\napp.Run();\n";

    private readonly PackedPackage _package;

    public HerokuFilesTests(PackedPackage package) => _package = package;

    [Fact]
    public void Every_Heroku_file_is_checked_with_exact_positions()
    {
        var app = _package.CreateConsumer("files").AddWebProject();
        app.Write("App/Program.cs", Program);
        app.Write("Procfile", "web: cd App/bin/publish; ./App --urls http://*:$PORT\nrelease: dotnet ef database update\nworker: dotnet run --project App\n");
        app.Write("app.json", """
            {
              "name": "files-demo",
              "formation": { "web": { "quantity": 1, "size": "hobby" }, "clock": { "quantity": 1 } },
              "stack": "heroku-18",
              "buildpacks": [ { "url": "heroku/dotnet" } ]
            }
            """);
        app.Write("heroku.yaml", "build:\n  docker:\n    web: Dockerfile\n");
        app.Write(".slugignore", "*.csproj\n!keep.md\n");

        var result = app.Build("App");

        Assert.Equal(
            new[]
            {
                ".slugignore(1,1): error HK7010",
                ".slugignore(2,1): warning HK7011",
                "Procfile(2,10): error HK4006",
                "Procfile(3,9): warning HK4005",
                "app.json(3,61): warning HK5005",
                "app.json(3,50): warning HK5007",
                "app.json(4,12): warning HK5010",
                "heroku.yaml(1,1): warning HK6005",
            }.Order(StringComparer.Ordinal),
            result.Diagnostics);
        Assert.NotEqual(0, result.ExitCode);
    }

    [Fact]
    public void TreatWarningsAsErrors_promotes_task_warnings_and_NoWarn_silences_them()
    {
        var app = _package.CreateConsumer("files-severity").AddWebProject();
        app.Write("App/Program.cs", Program);
        app.Write("Procfile", "web: cd App/bin/publish; ./App --urls http://*:$PORT\nworker: dotnet run --project App\n");

        Assert.Equal(new[] { "Procfile(2,9): warning HK4005" }, app.Build("App").Diagnostics);
        Assert.Equal(new[] { "Procfile(2,9): error HK4005" }, app.Build("App", "-p:TreatWarningsAsErrors=true").Diagnostics);
        Assert.Equal(new[] { "Procfile(2,9): error HK4005" }, app.Build("App", "-p:WarningsAsErrors=HK4005").Diagnostics);
        var silenced = app.Build("App", "-p:TreatWarningsAsErrors=true", "-p:NoWarn=HK4005");
        Assert.True(silenced.ExitCode == 0, silenced.ToString());
        Assert.Empty(silenced.Diagnostics);
    }

    [Fact]
    public void A_misnamed_Procfile_is_reported()
    {
        var app = _package.CreateConsumer("files-misnamed").AddWebProject();
        app.Write("App/Program.cs", Program);
        app.Write("procfile", "web: cd App/bin/publish; ./App --urls http://*:$PORT\n");

        Assert.Equal(new[] { "procfile(1,1): warning HK4004" }, app.Build("App").Diagnostics);
    }

    [Fact]
    public void Retired_add_on_plans_BUILDPACK_URL_and_image_are_reported_and_the_plan_list_is_an_option()
    {
        var app = _package.CreateConsumer("files-appjson-deprecated").AddWebProject();
        app.Write("App/Program.cs", Program);
        app.Write("Procfile", "web: cd App/bin/publish; ./App --urls http://*:$PORT\n");
        app.Write("app.json", """
            {
              "name": "addons-demo",
              "image": "heroku/heroku:24",
              "env": { "BUILDPACK_URL": "heroku/dotnet" },
              "addons": ["heroku-postgresql:hobby-dev", { "plan": "heroku-redis:hobby-dev" }],
              "buildpacks": [ { "url": "heroku/dotnet" } ]
            }
            """);

        var build = app.Build("App");
        Assert.Equal(
            new[]
            {
                "app.json(4,12): warning HK5013",
                "app.json(5,14): warning HK5012",
                "app.json(5,55): warning HK5012",
            }.Order(StringComparer.Ordinal),
            build.Diagnostics);
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("HK5014", build.Output);

        // The gate reads the same option: a list of its own replaces the documented one; the suggestion
        // HK5014, raised by .editorconfig, shows its position.
        app.Write(".editorconfig", "root = true\n\n[app.json]\ndotnet_diagnostic.HK5014.severity = error\n");
        var gate = app.Run("msbuild", "App", "-t:HerokuCheck", "-p:HerokuRetiredAddonPlans=heroku-redis:hobby-dev");
        Assert.Equal(
            new[]
            {
                "app.json(3,3): error HK5014",
                "app.json(4,12): warning HK5013",
                "app.json(5,55): warning HK5012",
            }.Order(StringComparer.Ordinal),
            gate.Diagnostics);
        Assert.NotEqual(0, gate.ExitCode);
    }
}
