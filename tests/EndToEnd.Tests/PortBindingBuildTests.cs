using HerokuAnalyzers.EndToEnd.Tests.Infrastructure;

namespace HerokuAnalyzers.EndToEnd.Tests;

/// <summary>Issue 5's consumer builds: the port rules through the packed package, Procfile and appsettings included.</summary>
[Collection(PackageCollection.Name)]
public sealed class PortBindingBuildTests
{
    private const string CleanProgram = """
        var app = WebApplication.CreateBuilder(args).Build();
        app.MapGet("/", () => "hello");
        app.Run();
        """;

    private readonly PackedPackage _package;

    public PortBindingBuildTests(PackedPackage package) => _package = package;

    [Fact]
    public void No_procfile_and_clean_code_reports_nothing()
    {
        var app = _package.CreateConsumer("port-clean").AddWebProject();
        app.Write("App/Program.cs", CleanProgram);

        var result = app.Build("App");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void A_procfile_web_command_without_binding_is_HK3004_at_the_procfile_line()
    {
        var app = _package.CreateConsumer("port-unbound").AddWebProject();
        app.Write("App/Program.cs", CleanProgram);
        app.Write("Procfile", "web: cd App/bin/publish; ./App\n");

        var result = app.Build("App");

        Assert.Equal(new[] { "Procfile(1,1): error HK3004" }, result.Diagnostics);
        Assert.NotEqual(0, result.ExitCode);
    }

    [Fact]
    public void A_procfile_that_binds_PORT_on_all_interfaces_reports_nothing()
    {
        var app = _package.CreateConsumer("port-bound").AddWebProject();
        app.Write("App/Program.cs", CleanProgram);
        app.Write("Procfile", "web: cd App/bin/publish; ./App --urls http://*:$PORT\n");

        var result = app.Build("App");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void Kestrel_endpoints_in_appsettings_are_HK3003_at_the_json_value()
    {
        var app = _package.CreateConsumer("port-settings").AddWebProject();
        app.Write("App/Program.cs", CleanProgram);
        app.Write("App/appsettings.json", """
            {
              "Kestrel": { "Endpoints": { "Http": { "Url": "http://*:5000" } } }
            }
            """);
        app.Write("App/appsettings.Development.json", """{ "Urls": "http://localhost:5000" }""");

        var result = app.Build("App");

        Assert.Equal(new[] { "App/appsettings.json(2,48): warning HK3003" }, result.Diagnostics);
    }
}
