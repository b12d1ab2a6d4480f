using HerokuAnalyzers.EndToEnd.Tests.Infrastructure;

namespace HerokuAnalyzers.EndToEnd.Tests;

/// <summary>
/// Issue 13's container deploys and the gate's view of the web process, through the packed package:
/// one consumer app taken from a heroku.yml deploy to a buildpack deploy, checked by HerokuCheck and
/// by the build at each step.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class ContainerDeployTests
{
    private const string Program = "var app = WebApplication.CreateBuilder(args).Build();\napp.MapGet(\"/\", () => \"hello\");\napp.Run();\n";

    private const string Dockerfile = """
        FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
        WORKDIR /src
        COPY . .
        RUN dotnet publish App -c Release -o /out

        FROM mcr.microsoft.com/dotnet/aspnet:10.0
        WORKDIR /app
        COPY --from=build /out .
        EXPOSE 8080
        ENTRYPOINT ["dotnet", "App.dll"]

        """;

    private readonly PackedPackage _package;

    public ContainerDeployTests(PackedPackage package) => _package = package;

    [Fact]
    public void A_container_image_that_never_reads_PORT_fails_HerokuCheck_and_the_build_at_its_Dockerfile_line()
    {
        var app = CreateApp("container");
        app.Write("heroku.yml", "build:\n  docker:\n    web: Dockerfile\n");
        app.Write("Dockerfile", Dockerfile);
        app.Write(".slugignore", "*.sln\n");

        // HK7004 (the buildpack's SDK choice for the mixed TFMs), HK4005 (dotnet run in the Procfile) and
        // HK7010 (.slugignore removing the solution) are buildpack rules: a container deploy never runs the
        // buildpack or its slug compiler.
        var check = app.Run("msbuild", "App", "-t:HerokuCheck");
        Assert.Equal(new[] { "Dockerfile(10,1): error HK3004" }, check.Diagnostics);
        Assert.NotEqual(0, check.ExitCode);
        Assert.Contains("sets ASPNETCORE_HTTP_PORTS=8080", check.Output);
        Assert.Contains("Heroku ignores EXPOSE", check.Output);
        Assert.Contains("CMD dotnet App.dll --urls http://*:$PORT", check.Output);

        // The build reports it from the analyzer only (the compiler's line, with the project suffix), at the same position.
        var build = app.Build("App");
        Assert.Equal(new[] { "Dockerfile(10,1): error HK3004" }, build.Diagnostics);
        AssertReportedOnceByTheCompiler(build, "Dockerfile(10,1): error HK3004");

        // Shell form: the shell expands $PORT when the container starts.
        app.Write("Dockerfile", Dockerfile.Replace("ENTRYPOINT [\"dotnet\", \"App.dll\"]", "CMD dotnet App.dll --urls http://*:$PORT", StringComparison.Ordinal));
        var fixedCheck = app.Run("msbuild", "App", "-t:HerokuCheck");
        Assert.True(fixedCheck.ExitCode == 0, fixedCheck.ToString());
        Assert.Empty(fixedCheck.Diagnostics);
    }

    [Fact]
    public void On_a_buildpack_deploy_HerokuCheck_reports_the_HK3003_and_HK3004_file_halves_where_the_build_does()
    {
        var app = CreateApp("gate-web");
        app.Write("Procfile", "web: cd App/bin/publish; ./App\n");
        app.Write("App/appsettings.json", "{\n  \"Urls\": \"http://localhost:5000\"\n}\n");

        var check = app.Run("msbuild", "App", "-t:HerokuCheck");
        var build = app.Build("App");

        // HK3003 (the urls key no --urls of the web command overrides) too: the gate reads appsettings as the analyzer does.
        var expected = new[] { "App/App.csproj(1,1): warning HK7004", "App/appsettings.json(2,11): warning HK3003", "Procfile(1,1): error HK3004" };
        Assert.Equal(expected, check.Diagnostics);
        Assert.NotEqual(0, check.ExitCode);
        Assert.Equal(expected, build.Diagnostics);
        AssertReportedOnceByTheCompiler(build, "Procfile(1,1): error HK3004");
    }

    /// <summary>
    /// The console logger may print a diagnostic twice; identical lines are one report. The compiler's
    /// lines end with the project in brackets, the tasks' do not: a second reporter would add a second form.
    /// </summary>
    private static void AssertReportedOnceByTheCompiler(BuildResult build, string diagnostic)
    {
        var line = Assert.Single(build.Output.Split('\n').Select(l => l.Trim()).Where(l => l.Contains(diagnostic, StringComparison.Ordinal)).Distinct());
        Assert.EndsWith("App.csproj]", line);
    }

    /// <summary>A web app whose root solution mixes net10.0 with net9.0 (HK7004 on buildpack deploys), restored.</summary>
    private ConsumerApp CreateApp(string name)
    {
        var app = _package.CreateConsumer(name).AddWebProject();
        app.Write("App/Program.cs", Program);
        app.Write("Tool/Tool.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net9.0</TargetFramework></PropertyGroup></Project>\n");
        app.Write("App.sln", """
            Microsoft Visual Studio Solution File, Format Version 12.00
            Project("{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}") = "App", "App\App.csproj", "{11111111-1111-1111-1111-111111111111}"
            EndProject
            Project("{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}") = "Tool", "Tool\Tool.csproj", "{22222222-2222-2222-2222-222222222222}"
            EndProject

            """);
        app.Write("Procfile", "worker: dotnet run --project App\n");
        var restore = app.DotNetRaw("restore", "App");
        Assert.True(restore.ExitCode == 0, restore.Output);
        return app;
    }
}
