using HerokuAnalyzers.Analyzers.Tests.Verification;
using Microsoft.CodeAnalysis.Testing;
using Verify = HerokuAnalyzers.Analyzers.Tests.Verification.AnalyzerVerifier<HerokuAnalyzers.Hosting.AppSettingsBindingAnalyzer>;

namespace HerokuAnalyzers.Analyzers.Tests.Hosting;

public class AppSettingsBindingTests
{
    private const string Program = """
        var app = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(args).Build();
        app.Run();
        """;

    private static Task VerifyAsync(string path, string json, params DiagnosticResult[] expected)
        => VerifyAsync(path, json, procfile: null, expected);

    private static Task VerifyAsync(string path, string json, string? procfile, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = Program };
        TestSetup.AddHerokuFile(test.TestState, path, "AppSettings", json);
        if (procfile != null)
        {
            TestSetup.AddHerokuFile(test.TestState, "/Procfile", "Procfile", procfile);
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task Kestrel_endpoints_are_reported_at_each_url_value()
        => VerifyAsync(
            "/app/appsettings.json",
            """
            {
              "Kestrel": {
                "Endpoints": {
                  "Http": { "Url": "http://*:5000" },
                  "Https": {
                    "Url": "https://localhost:5001"
                  }
                }
              }
            }
            """,
            Verify.Diagnostic("HK3003").WithSpan("/app/appsettings.json", 4, 24, 4, 39)
                .WithArguments("'Kestrel:Endpoints:Http:Url'", "appsettings.json", "http://*:5000", "Kestrel endpoints override every urls setting, including the --urls http://*:$PORT of the buildpack or the Procfile"),
            Verify.Diagnostic("HK3003").WithSpan("/app/appsettings.json", 6, 16, 6, 40)
                .WithArguments("'Kestrel:Endpoints:Https:Url'", "appsettings.json", "https://localhost:5001", "Kestrel endpoints override every urls setting, including the --urls http://*:$PORT of the buildpack or the Procfile"));

    [Fact]
    public Task Colon_keys_comments_trailing_commas_and_any_case_are_read_like_configuration()
        => VerifyAsync(
            "/app/appsettings.Production.json",
            """
            {
              // Production
              "kestrel:endpoints": { "Web": { "url": "http://0.0.0.0:80", }, },
            }
            """,
            Verify.Diagnostic("HK3003").WithSpan("/app/appsettings.Production.json", 3, 42, 3, 61)
                .WithArguments("'kestrel:endpoints:Web:url'", "appsettings.Production.json", "http://0.0.0.0:80", "Kestrel endpoints override every urls setting, including the --urls http://*:$PORT of the buildpack or the Procfile"));

    private const string UrlsSettings = """
        { "Logging": { "LogLevel": { "Default": "Information" } }, "Urls": "http://*:5000;https://*:5001" }
        """;

    [Theory]
    [InlineData("web: cd App/bin/publish; ./App\n")]
    [InlineData("web: bash start.sh\n")]
    [InlineData("worker: ./App\n")]
    [InlineData("web: ASPNETCORE_URLS=http://*:$PORT ./App\n")]
    [InlineData("web: DOTNET_URLS=http://*:$PORT dotnet App.dll\n")]
    public Task A_urls_key_is_reported_when_the_web_command_sets_no_urls(string procfile)
        => VerifyAsync(
            "/app/appsettings.json",
            UrlsSettings,
            procfile,
            Verify.Diagnostic("HK3003").WithSpan("/app/appsettings.json", 1, 68, 1, 98)
                .WithArguments("'Urls'", "appsettings.json", "http://*:5000;https://*:5001", "the web command passes no --urls, the only setting that overrides it (ASPNETCORE_URLS and DOTNET_URLS load before appsettings and lose to it)"));

    [Theory]
    [InlineData("web: cd App/bin/publish; ./App --urls http://*:$PORT\n")]
    [InlineData("web: ./App --urls=http://*:$PORT\n")]
    [InlineData("web: ./App --urls http://*:8080\n")]
    public Task A_urls_key_overridden_by_the_web_command_is_not_reported(string procfile)
        => VerifyAsync("/app/appsettings.json", UrlsSettings, procfile);

    private const string Dockerfile = "FROM mcr.microsoft.com/dotnet/aspnet:8.0\nWORKDIR /app\nCOPY out .\n";

    /// <summary>A container deploy (heroku.yml build.docker): the Procfile is not used, the image's command or run.web is.</summary>
    private static Task VerifyContainerAsync(string dockerfile, string? procfile, string? herokuYml, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = Program };
        TestSetup.AddHerokuFile(test.TestState, "/app/appsettings.json", "AppSettings", UrlsSettings);
        TestSetup.AddHerokuFile(test.TestState, "/Dockerfile", "Dockerfile", dockerfile);
        TestSetup.AddHerokuFile(test.TestState, "/heroku.yml", "HerokuYml", herokuYml ?? "build:\n  docker:\n    web: Dockerfile\n");
        if (procfile != null)
        {
            TestSetup.AddHerokuFile(test.TestState, "/Procfile", "Procfile", procfile);
        }

        TestSetup.AddBuildProperties(test.TestState, ("HerokuDeployKind", "container"));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult UrlsKey()
        => Verify.Diagnostic("HK3003").WithSpan("/app/appsettings.json", 1, 68, 1, 98)
            .WithArguments("'Urls'", "appsettings.json", "http://*:5000;https://*:5001", "the web command passes no --urls, the only setting that overrides it (ASPNETCORE_URLS and DOTNET_URLS load before appsettings and lose to it)");

    [Theory]
    [InlineData("CMD dotnet App.dll --urls http://*:$PORT\n", null)]
    [InlineData("ENTRYPOINT [\"dotnet\", \"App.dll\", \"--urls\", \"http://*:8080\"]\n", null)]
    [InlineData("CMD [\"dotnet\", \"App.dll\"]\n", "build:\n  docker:\n    web: Dockerfile\nrun:\n  web: dotnet App.dll --urls http://*:$PORT\n")]
    public Task On_a_container_deploy_a_urls_key_the_image_command_or_run_web_overrides_is_not_reported(string start, string? herokuYml)
        => VerifyContainerAsync(Dockerfile + start, procfile: "web: ./App\n", herokuYml);

    [Theory]
    [InlineData("ENTRYPOINT [\"dotnet\", \"App.dll\"]\n")]
    [InlineData("CMD ASPNETCORE_URLS=http://*:$PORT dotnet App.dll\n")]
    public Task On_a_container_deploy_the_Procfile_does_not_override_a_urls_key_and_the_image_command_decides(string start)
        => VerifyContainerAsync(Dockerfile + start, procfile: "web: ./App --urls http://*:$PORT\n", herokuYml: null, UrlsKey());

    [Fact]
    public Task On_a_container_deploy_whose_image_command_cannot_be_read_a_urls_key_is_left_alone()
        => VerifyContainerAsync(Dockerfile, procfile: null, herokuYml: null);

    [Fact]
    public Task A_urls_key_is_not_reported_without_procfile_because_the_buildpack_passes_urls()
        => VerifyAsync("/app/appsettings.json", UrlsSettings);

    [Fact]
    public Task Kestrel_endpoints_are_reported_even_when_the_procfile_passes_urls()
        => VerifyAsync(
            "/app/appsettings.json",
            """{ "Kestrel": { "Endpoints": { "Http": { "Url": "http://*:5000" } } } }""",
            "web: ./App --urls http://*:$PORT\n",
            Verify.Diagnostic("HK3003").WithSpan("/app/appsettings.json", 1, 48, 1, 63)
                .WithArguments("'Kestrel:Endpoints:Http:Url'", "appsettings.json", "http://*:5000", "Kestrel endpoints override every urls setting, including the --urls http://*:$PORT of the buildpack or the Procfile"));

    [Fact]
    public Task A_template_appsettings_is_not_reported()
        => VerifyAsync(
            "/app/appsettings.json",
            """
            {
              "Logging": { "LogLevel": { "Default": "Information", "Microsoft.AspNetCore": "Warning" } },
              "AllowedHosts": "*",
              "Kestrel": { "Limits": { "MaxRequestBodySize": 1000 }, "Endpoints": { } },
              "Service": { "Urls": "http://other-service", "Url": "http://x:1" }
            }
            """);

    [Fact]
    public Task A_json_file_without_the_AppSettings_kind_is_not_read()
    {
        var test = new Verify.Test { TestCode = Program };
        test.TestState.AdditionalFiles.Add(("/app/appsettings.Development.json", """{ "Urls": "http://localhost:5000" }"""));
        return test.RunAsync();
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[1, 2")]
    [InlineData("{ \"Urls\": 5000 }")]
    [InlineData("{ \"Urls\": \"\" }")]
    public Task Broken_or_empty_settings_do_not_crash_and_are_not_reported(string json)
        => VerifyAsync("/app/appsettings.json", json);
}
