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
            new DiagnosticResult(Descriptors.HK3005_IPv4OnlyBinding).WithSpan("/repo/Procfile", 1, 1, 1, 60).WithArguments("The Procfile's web process", "0.0.0.0"));

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

    private const string ContainerFix = "use the shell form, which expands $PORT when the container starts: CMD dotnet Frontend.dll --urls http://*:$PORT (ENV cannot do it: it is expanded when the image is built), or read PORT in code";

    private static Verify.Test ContainerProject(string dockerfile, string? target = null, string code = PlainWebApp)
    {
        var test = WebProject(code);
        TestSetup.AddBuildProperties(test.TestState, ("UsingMicrosoftNETSdkWeb", "true"), ("HerokuIsDeployable", "true"), ("AssemblyName", "Frontend"), ("MSBuildProjectDirectory", "/repo/Frontend"), ("HerokuDeployKind", "container"));
        test.TestState.AnalyzerConfigFiles.RemoveAt(0);
        test.TestState.AdditionalFiles.Add(("/repo/Dockerfile", dockerfile));
        test.TestState.AnalyzerConfigFiles.Add(("/.heroku-Dockerfile.globalconfig", "is_global = true\n\n[/repo/Dockerfile]\nbuild_metadata.AdditionalFiles.HerokuFileKind = Dockerfile\n"
            + (target == null ? "" : "build_metadata.AdditionalFiles.HerokuDockerTarget = " + target + "\n")));
        return test;
    }

    [Fact]
    public Task An_exec_form_ENTRYPOINT_passes_PORT_as_text_and_is_reported_at_its_Dockerfile_line()
    {
        var test = ContainerProject("""
            FROM mcr.microsoft.com/dotnet/aspnet:8.0
            WORKDIR /app
            ENTRYPOINT ["dotnet", "Frontend.dll", "--urls", "http://*:$PORT"]
            """);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.HK3004_WebProcessPort).WithSpan("/repo/Dockerfile", 3, 1, 3, 66).WithArguments(
            "The Dockerfile's ENTRYPOINT", "Frontend", "the exec form (a JSON array) runs it without a shell, so '$PORT' reaches Kestrel as text",
            ContainerFix.Replace(" (ENV", ", and drop the exec-form ENTRYPOINT, which would receive that as arguments (ENV", StringComparison.Ordinal)));
        return test.RunAsync();
    }

    [Fact]
    public Task The_official_image_port_and_an_ignored_EXPOSE_are_named_in_the_reason()
    {
        var test = ContainerProject("""
            FROM mcr.microsoft.com/dotnet/aspnet:9.0 AS base
            EXPOSE 8080

            FROM base AS final
            CMD ["dotnet", "Frontend.dll"]
            """);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.HK3004_WebProcessPort).WithSpan("/repo/Dockerfile", 5, 1, 5, 31).WithArguments(
            "The Dockerfile's CMD", "Frontend",
            "its base image mcr.microsoft.com/dotnet/aspnet:9.0 sets ASPNETCORE_HTTP_PORTS=8080, so Kestrel listens there and not on $PORT; EXPOSE (line 2) does not help: Heroku ignores EXPOSE and routes to $PORT",
            ContainerFix));
        return test.RunAsync();
    }

    [Fact]
    public Task An_ENV_that_names_PORT_is_expanded_when_the_image_is_built()
    {
        var test = ContainerProject("""
            FROM mcr.microsoft.com/dotnet/aspnet:8.0
            ENV ASPNETCORE_URLS=http://*:$PORT \
                DOTNET_NOLOGO=1
            CMD dotnet Frontend.dll
            """);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.HK3004_WebProcessPort).WithSpan("/repo/Dockerfile", 4, 1, 4, 24).WithArguments(
            "The Dockerfile's CMD", "Frontend",
            "ENV ASPNETCORE_URLS (Dockerfile line 2) is expanded when the image is built, where PORT is not set, so Kestrel gets 'http://*:'",
            ContainerFix));
        return test.RunAsync();
    }

    [Theory]
    [InlineData("FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCMD dotnet Frontend.dll --urls http://*:$PORT\n")]
    [InlineData("FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCMD ASPNETCORE_URLS=http://+:${PORT} exec dotnet Frontend.dll\n")]
    [InlineData("FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCMD [\"sh\", \"-c\", \"dotnet Frontend.dll --urls http://*:$PORT\"]\n")]
    [InlineData("FROM mcr.microsoft.com/dotnet/aspnet:8.0\nENTRYPOINT [\"./docker-entrypoint.sh\"]\n")]
    [InlineData("FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCMD dotnet Frontend.dll \\\n  # the port Heroku gives\n  --urls http://*:$PORT\n")]
    [InlineData("# escape=`\nFROM mcr.microsoft.com/dotnet/aspnet:8.0\nCMD dotnet Frontend.dll `\n  --urls http://*:$PORT\n")]
    [InlineData("FROM mcr.microsoft.com/dotnet/aspnet:8.0\nRUN <<EOF\nCMD dotnet Frontend.dll\nEOF\nCMD dotnet Frontend.dll --urls http://*:$PORT\n")]
    [InlineData("FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCMD ASPNETCORE_URLS=http://*:$PORT dotnet Frontend.dll    # Heroku deploy\n")]
    [InlineData("FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCMD /bin/bash -c \"source /app/heroku-env.sh && dotnet Frontend.dll\"\n")]
    public Task Images_that_bind_PORT_or_start_a_script_are_not_reported(string dockerfile)
        => ContainerProject(dockerfile).RunAsync();

    [Fact]
    public Task The_heroku_yml_target_stage_is_the_one_checked()
    {
        var dockerfile = "FROM mcr.microsoft.com/dotnet/aspnet:8.0 AS deploy\nCMD dotnet Frontend.dll --urls http://*:$PORT\n\nFROM deploy AS debug\nCMD [\"dotnet\", \"Frontend.dll\"]\n";
        return ContainerProject(dockerfile, target: "deploy").RunAsync();
    }

    [Fact]
    public Task Code_that_reads_PORT_makes_the_image_fine()
        => ContainerProject(
            "FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCMD [\"dotnet\", \"Frontend.dll\"]\n",
            code: """
                var app = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(args).Build();
                app.Urls.Add($"http://*:{System.Environment.GetEnvironmentVariable("PORT")}");
                app.Run();
                """).RunAsync();

    [Fact]
    public Task On_a_container_deploy_the_Procfile_is_not_read()
    {
        var test = ContainerProject("FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCMD dotnet Frontend.dll --urls http://*:$PORT\n");
        return VerifyAsync(test, "worker: ./Frontend\n");
    }

    [Theory]
    [InlineData("web: python manage.py runserver 0.0.0.0:5000", "python", "runserver 0.0.0.0:5000", "runserver 0.0.0.0:$PORT")]
    [InlineData("web: bundle exec rails server -p 5000", "bundle", "-p 5000", "-p $PORT")]
    [InlineData("web: node server.js --port=3000", "node", "--port=3000", "--port=$PORT")]
    [InlineData("web: PORT=5000 npm start", "the web command", "PORT=5000", "PORT=$PORT")]
    public Task Other_servers_on_a_fixed_port_are_reported(string line, string program, string option, string fix)
        => VerifyProcfileAsync(
            line + "\n",
            new DiagnosticResult(Descriptors.HK3004_WebProcessPort).WithSpan("/repo/Procfile", 1, 1, 1, line.Length + 1)
                .WithArguments("The Procfile's web process", program, "it binds the fixed port in '" + option + "' while Heroku assigns the port in $PORT", "pass $PORT instead of the number, e.g. '" + fix + "'"));

    [Theory]
    [InlineData("web: bundle exec rails server -p $PORT")]
    [InlineData("web: gunicorn app:app")]
    [InlineData("web: mkdir -p tmp && node server.js")]
    public Task Other_servers_given_PORT_or_no_port_are_left_alone(string line)
        => VerifyProcfileAsync(line + "\n");

    [Fact]
    public Task A_binding_after_a_shell_comment_is_not_a_binding()
        => VerifyProcfileAsync(
            "web: ./Frontend # --urls http://*:$PORT\n",
            new DiagnosticResult(Descriptors.HK3004_WebProcessPort).WithSpan("/repo/Procfile", 1, 1, 1, 40)
                .WithArguments("The Procfile's web process", "Frontend", ProcfileReason, ProcfileFix));

    [Theory]
    [InlineData("web: ./Frontend \u2013urls http://*:$PORT", "\u2013urls", "2013")]
    [InlineData("web: ./Frontend \u2014urls=http://*:$PORT", "\u2014urls=http://*:$PORT", "2014")]
    public Task Look_alike_dashes_do_not_make_an_option(string line, string word, string code)
        => VerifyProcfileAsync(
            line + "\n",
            new DiagnosticResult(Descriptors.HK3004_WebProcessPort).WithSpan("/repo/Procfile", 1, 1, 1, line.Length + 1)
                .WithArguments("The Procfile's web process", "Frontend", "'" + word + "' starts with '" + word[0] + "' (U+" + code + "), not '--', so Kestrel does not read it as an option", ProcfileFix));

    [Fact]
    public void Messages_name_the_heroku_errors()
    {
        var descriptors = new WebProcessPortAnalyzer().SupportedDiagnostics;
        Assert.Contains("R10", descriptors[0].MessageFormat.ToString());
        Assert.Contains("H14", descriptors[1].MessageFormat.ToString());
        // Reported per additional file, so the editor shows them in an open Procfile, heroku.yml or Dockerfile.
        Assert.All(descriptors, d => Assert.DoesNotContain(Microsoft.CodeAnalysis.WellKnownDiagnosticTags.CompilationEnd, d.CustomTags));
    }
}
