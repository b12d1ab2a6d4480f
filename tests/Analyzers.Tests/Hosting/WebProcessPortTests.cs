using HerokuAnalyzers.Analyzers.Tests.Verification;
using HerokuAnalyzers.Hosting;
using HerokuAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Verify = HerokuAnalyzers.Analyzers.Tests.Verification.AnalyzerVerifier<HerokuAnalyzers.Hosting.WebProcessPortAnalyzer>;

namespace HerokuAnalyzers.Analyzers.Tests.Hosting;

/// <summary>HK3004: the Procfile's (or heroku.yml's) web command must bind $PORT for this project.</summary>
public class WebProcessPortTests
{
    private const string PlainWebApp = """
        var app = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(args).Build();
        app.Run();
        """;

    private const string ProcfileReason = "with a Procfile the .NET buildpack passes no --urls and Kestrel falls back to http://localhost:5000";
    private const string ProcfileFix = "append --urls http://*:$PORT to the web command, or read PORT in code";

    private static Verify.Test WebProject(string code = PlainWebApp, string assemblyName = "Frontend", string sdkWeb = "true")
    {
        var test = new Verify.Test { TestCode = code };
        TestSetup.AddBuildProperties(
            test.TestState,
            ("UsingMicrosoftNETSdkWeb", sdkWeb),
            ("HerokuIsDeployable", "true"),
            ("AssemblyName", assemblyName),
            ("MSBuildProjectDirectory", "/repo/Frontend"));
        return test;
    }

    private static Task VerifyProcfileAsync(string procfile, params DiagnosticResult[] expected)
        => VerifyAsync(WebProject(), procfile, expected);

    private static Task VerifyAsync(Verify.Test test, string procfile, params DiagnosticResult[] expected)
    {
        TestSetup.AddHerokuFile(test.TestState, "/repo/Procfile", "Procfile", procfile);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task A_web_command_without_binding_is_reported_at_its_procfile_line()
        => VerifyProcfileAsync(
            "web: cd Frontend/bin/publish/; ./Frontend\n",
            new DiagnosticResult(Descriptors.HK3004_WebProcessPort).WithSpan("/repo/Procfile", 1, 1, 1, 42)
                .WithArguments("The Procfile's web process", "Frontend", ProcfileReason, ProcfileFix));

    [Theory]
    [InlineData("web: dotnet Frontend/bin/publish/Frontend.dll")]
    [InlineData("web: Frontend/bin/publish/Frontend --environment Production")]
    public Task Commands_that_run_this_project_without_PORT_are_reported(string line)
        => VerifyProcfileAsync(
            "# the app\n" + line + "\nworker: ./Frontend --worker\n",
            new DiagnosticResult(Descriptors.HK3004_WebProcessPort).WithSpan("/repo/Procfile", 2, 1, 2, line.Length + 1)
                .WithArguments("The Procfile's web process", "Frontend", ProcfileReason, ProcfileFix));

    [Theory]
    [InlineData("web: cd Frontend/bin/publish && ASPNETCORE_URLS=http://localhost:5000 ./Frontend", "http://localhost:5000")]
    [InlineData("web: cd Frontend/bin/publish; ./Frontend --urls \"http://*:8080\"", "http://*:8080")]
    [InlineData("web: ASPNETCORE_HTTP_PORTS=$PORT ./Frontend --urls http://*:8080", "http://*:8080")]
    public Task Commands_that_bind_a_fixed_address_are_reported_with_it(string line, string address)
        => VerifyProcfileAsync(
            line + "\n",
            new DiagnosticResult(Descriptors.HK3004_WebProcessPort).WithSpan("/repo/Procfile", 1, 1, 1, line.Length + 1)
                .WithArguments("The Procfile's web process", "Frontend", "its urls setting '" + address + "' is not a URL with $PORT such as http://*:$PORT", ProcfileFix));

    [Theory]
    [InlineData("web: cd Frontend/bin/publish/; ./Frontend --urls http://*:$PORT")]
    [InlineData("web: cd Frontend/bin/publish/; ./Frontend --urls=\"http://+:${PORT}\"")]
    [InlineData("web: cd Frontend/bin/publish && ASPNETCORE_URLS=http://*:$PORT ./Frontend")]
    [InlineData("web: export ASPNETCORE_HTTP_PORTS=$PORT; dotnet Frontend/bin/publish/Frontend.dll")]
    [InlineData("web: DOTNET_URLS='http://[::]:$PORT' Frontend/bin/publish/Frontend")]
    public Task Commands_that_bind_PORT_are_not_reported(string line)
        => VerifyProcfileAsync(line + "\n");

    [Theory]
    [InlineData("web: bash start.sh")]
    [InlineData("web: cd Admin/bin/publish; ./Admin")]
    [InlineData("web: dotnet Admin.dll")]
    [InlineData("web: cd Frontend && ./run.sh")]
    [InlineData("web: ./frontend")]
    public Task Commands_that_do_not_run_this_project_are_left_alone(string line)
        => VerifyProcfileAsync(line + "\n");

    [Fact]
    public Task Code_that_reads_PORT_binds_it_itself()
        => VerifyAsync(
            WebProject("""
                var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(args);
                var app = builder.Build();
                app.Run(string.Format("http://*:{0}", builder.Configuration["PORT"]));
                """),
            "web: cd Frontend/bin/publish/; ./Frontend\n");

    [Fact]
    public Task Code_that_reads_PORT_from_the_environment_binds_it_itself()
        => VerifyAsync(
            WebProject("""
                var port = System.Environment.GetEnvironmentVariable("PORT") ?? "5000";
                var app = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(args).Build();
                app.Urls.Add("http://*:" + port);
                app.Run();
                """),
            "web: cd Frontend/bin/publish/; ./Frontend\n");

    [Fact]
    public Task Binding_PORT_on_loopback_in_the_command_is_reported()
        => VerifyProcfileAsync(
            "web: ./Frontend --urls http://localhost:$PORT",
            new DiagnosticResult(Descriptors.HK3004_WebProcessPort).WithSpan("/repo/Procfile", 1, 1, 1, 46)
                .WithArguments("The Procfile's web process", "Frontend", "it binds $PORT on the loopback address 'localhost' only, which the router cannot reach", ProcfileFix));

    [Fact]
    public Task Binding_PORT_on_0_0_0_0_in_the_command_is_HK3005()
        => VerifyProcfileAsync(
            "web: cd bin/publish; ./Frontend --urls http://0.0.0.0:$PORT",
            new DiagnosticResult(Descriptors.HK3005_IPv4OnlyWebCommand).WithSpan("/repo/Procfile", 1, 1, 1, 60).WithArguments("The Procfile's web process", "0.0.0.0"));

    [Fact]
    public Task A_procfile_without_web_is_H14_for_a_web_project()
        => VerifyProcfileAsync(
            "worker: cd Frontend/bin/publish; ./Frontend\nrelease: ./efbundle\n",
            new DiagnosticResult(Descriptors.HK3004_NoWebProcess).WithSpan("/repo/Procfile", 1, 1, 1, 44).WithArguments("Frontend", "Frontend/bin/publish"));

    [Fact]
    public Task A_procfile_the_CNB_rejects_is_left_to_HK4001()
        => VerifyProcfileAsync("worker ./Frontend\n");

    [Fact]
    public Task A_worker_project_is_not_checked()
        => VerifyAsync(WebProject(sdkWeb: "false"), "worker: ./Frontend\n");

    [Fact]
    public Task A_class_library_is_not_checked()
    {
        var test = new Verify.Test
        {
            TestState = { OutputKind = Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary },
            TestCode = "public class Library { }",
        };
        TestSetup.AddBuildProperties(test.TestState, ("AssemblyName", "Library"), ("HerokuIsDeployable", "false"));
        return VerifyAsync(test, "web: ./Library\n");
    }

    [Fact]
    public Task A_test_project_is_not_checked()
    {
        var test = new Verify.Test { TestCode = PlainWebApp };
        TestSetup.AddBuildProperties(test.TestState, ("UsingMicrosoftNETSdkWeb", "true"), ("HerokuIsDeployable", "false"), ("AssemblyName", "Frontend"));
        return VerifyAsync(test, "web: ./Frontend\n");
    }

    [Fact]
    public Task No_procfile_and_clean_code_is_not_reported()
        => WebProject().RunAsync();

    [Fact]
    public Task Heroku_yml_run_web_without_PORT_is_reported_at_the_web_key()
    {
        var test = WebProject();
        TestSetup.AddHerokuFile(test.TestState, "/repo/heroku.yml", "HerokuYml", """
            build:
              docker:
                web: Dockerfile
            run:
              web:
                image: web
                command:
                  - dotnet Frontend.dll
            """);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.HK3004_WebProcessPort).WithSpan("/repo/heroku.yml", 5, 3, 5, 7).WithArguments(
            "heroku.yml's run.web",
            "Frontend",
            "the container listens on its image's port (ASPNETCORE_HTTP_PORTS in the official .NET images), not on $PORT",
            "start it with ASPNETCORE_URLS=http://*:$PORT or --urls http://*:$PORT in a shell-form command, or read PORT in code"));
        return test.RunAsync();
    }

    [Theory]
    [InlineData("run:\n  web: cd /app && ASPNETCORE_URLS=http://*:$PORT dotnet Frontend.dll\n")]
    [InlineData("run:\n  web:\n    command:\n      - /bin/bash -c \"cd src/bin/publish/ && ASPNETCORE_URLS=http://*:$PORT dotnet Frontend.dll\"\n")]
    [InlineData("build:\n  docker:\n    web: Dockerfile\n")]
    [InlineData("run:\n  worker: dotnet Frontend.dll\n")]
    public Task Heroku_yml_that_binds_PORT_or_has_no_run_web_is_not_reported(string yml)
    {
        var test = WebProject();
        TestSetup.AddHerokuFile(test.TestState, "/repo/heroku.yml", "HerokuYml", yml);
        return test.RunAsync();
    }

    [Fact]
    public Task With_heroku_yml_a_procfile_without_web_is_not_H14()
    {
        var test = WebProject();
        TestSetup.AddHerokuFile(test.TestState, "/repo/heroku.yml", "HerokuYml", "build:\n  docker:\n    web: Dockerfile\n");
        return VerifyAsync(test, "worker: ./Frontend\n");
    }

    [Fact]
    public Task An_empty_procfile_has_no_web_process()
        => VerifyProcfileAsync(
            "",
            new DiagnosticResult(Descriptors.HK3004_NoWebProcess).WithSpan("/repo/Procfile", 1, 1, 1, 1).WithArguments("Frontend", "Frontend/bin/publish"));

    [Theory]
    [InlineData("run:\n  web:\n")]
    [InlineData("run:\n  web:\n    command:\n")]
    [InlineData("run: [web]\n")]
    [InlineData("\tweb: ./Frontend\nrun:\n  - web: x\n")]
    [InlineData(":\n::\n- - -\n")]
    public Task Odd_heroku_yml_does_not_crash_and_is_not_reported(string yml)
    {
        var test = WebProject();
        TestSetup.AddHerokuFile(test.TestState, "/repo/heroku.yml", "HerokuYml", yml);
        return test.RunAsync();
    }

    [Theory]
    [InlineData("web: --urls\n")]
    [InlineData("web: cd\n")]
    [InlineData("web: cd Frontend/bin/publish; --urls http://*:$PORT\n")]
    public Task Odd_web_commands_naming_no_program_are_not_reported(string procfile)
        => VerifyProcfileAsync(procfile);

    [Theory]
    [InlineData("web: ./Frontend --urls\n", ProcfileReason)]
    [InlineData("web: ./Frontend --urls \"\n", ProcfileReason)]
    [InlineData("web: ./Frontend --urls $PORT\n", "its urls setting '$PORT' is not a URL with $PORT such as http://*:$PORT")]
    public Task Odd_web_commands_of_this_project_are_reported_without_crashing(string procfile, string reason)
        => VerifyProcfileAsync(
            procfile,
            new DiagnosticResult(Descriptors.HK3004_WebProcessPort).WithSpan("/repo/Procfile", 1, 1, 1, procfile.Length)
                .WithArguments("The Procfile's web process", "Frontend", reason, ProcfileFix));

    [Fact]
    public void Messages_name_the_heroku_errors()
    {
        var descriptors = new WebProcessPortAnalyzer().SupportedDiagnostics;
        Assert.Contains("R10", descriptors[0].MessageFormat.ToString());
        Assert.Contains("H14", descriptors[1].MessageFormat.ToString());
        Assert.All(descriptors, d => Assert.Contains(Microsoft.CodeAnalysis.WellKnownDiagnosticTags.CompilationEnd, d.CustomTags));
    }
}
