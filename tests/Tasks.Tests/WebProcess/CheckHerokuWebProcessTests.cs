using HerokuAnalyzers.Tasks.Tests.Infrastructure;
using HerokuAnalyzers.Tasks.WebProcess;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace HerokuAnalyzers.Tasks.Tests.WebProcess;

/// <summary>HK3004/HK3005's file half in HerokuCheck: the analyzer's evaluation, without a compilation.</summary>
public sealed class CheckHerokuWebProcessTests : IDisposable
{
    private readonly TempTree _tree = new();
    private readonly FakeBuildEngine _engine = new();

    [Fact]
    public void A_Procfile_without_web_is_HK3004_at_line_1()
    {
        _tree.Write("repo/Procfile", "worker: cd App/bin/publish; ./App\n");

        Run(Program("app.MapGet(\"/\", () => 1);"));

        Assert.Equal(new[] { "Procfile(1,1): error HK3004" }, _engine.Findings);
        Assert.Contains("H14", _engine.Errors[0].Message);
        Assert.Contains("'web: cd App/bin/publish; ./App --urls http://*:$PORT'", _engine.Errors[0].Message);
        Assert.EndsWith("/docs/rules/HK3004.md", _engine.Errors[0].HelpLink);
    }

    [Fact]
    public void A_web_line_that_never_binds_PORT_is_HK3004_at_the_web_key()
    {
        _tree.Write("repo/Procfile", "# app\nweb: cd App/bin/publish; ./App\n");

        Run(Program(""));

        Assert.Equal(new[] { "Procfile(2,1): error HK3004" }, _engine.Findings);
        Assert.Contains("R10", _engine.Errors[0].Message);
    }

    [Fact]
    public void Code_with_a_PORT_literal_binds_the_port_itself()
    {
        _tree.Write("repo/Procfile", "web: cd App/bin/publish; ./App\n");

        Run(Program("app.Urls.Add(\"http://*:\" + app.Configuration[\"PORT\"]);"));

        Assert.Empty(_engine.Findings);
    }

    [Fact]
    public void A_non_dotnet_web_command_on_a_fixed_port_is_HK3004_even_when_the_code_reads_PORT()
    {
        _tree.Write("repo/Procfile", "web: python manage.py runserver 0.0.0.0:5000\n");

        Run(Program("var port = Environment.GetEnvironmentVariable(\"PORT\");"));

        Assert.Equal(new[] { "Procfile(1,1): error HK3004" }, _engine.Findings);
        Assert.Contains("runserver 0.0.0.0:$PORT", _engine.Errors[0].Message);
    }

    [Fact]
    public void An_IPv4_only_binding_is_HK3005_as_a_message()
    {
        _tree.Write("repo/Procfile", "web: cd App/bin/publish; ./App --urls http://0.0.0.0:$PORT\n");

        Run(Program(""));

        Assert.Empty(_engine.Findings);
        Assert.Contains(_engine.Messages, m => m.Code == "HK3005" && m.LineNumber == 1 && m.ColumnNumber == 1);
    }

    [Fact]
    public void On_a_container_deploy_the_Dockerfile_CMD_is_checked_and_the_Procfile_is_not()
    {
        _tree.Write("repo/Procfile", "worker: ./App\n");
        _tree.Write("repo/Dockerfile", "FROM mcr.microsoft.com/dotnet/aspnet:8.0\nWORKDIR /app\nCMD [\"dotnet\", \"App.dll\"]\n");

        Run(Program(""), container: true);

        Assert.Equal(new[] { "Dockerfile(3,1): error HK3004" }, _engine.Findings);
        Assert.Contains("ASPNETCORE_HTTP_PORTS=8080", _engine.Errors[0].Message);
    }

    [Fact]
    public void A_shell_form_CMD_with_PORT_passes()
    {
        _tree.Write("repo/Dockerfile", "FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCMD dotnet App.dll --urls http://*:$PORT\n");

        Run(Program(""), container: true);

        Assert.Empty(_engine.Findings);
    }

    [Fact]
    public void Heroku_yml_run_web_wins_over_the_Dockerfile_CMD()
    {
        _tree.Write("repo/heroku.yml", "build:\n  docker:\n    web: Dockerfile\nrun:\n  web: dotnet App.dll\n");
        _tree.Write("repo/Dockerfile", "FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCMD dotnet App.dll --urls http://*:$PORT\n");

        Run(Program(""), container: true);

        Assert.Equal(new[] { "heroku.yml(5,3): error HK3004" }, _engine.Findings);
    }

    [Fact]
    public void Addresses_in_appsettings_are_HK3003_at_the_value_as_the_analyzer_reports_them()
    {
        _tree.Write("repo/Procfile", "web: cd App/bin/publish; ./App\n");
        var settings = _tree.Write("repo/App/appsettings.json", "{\n  \"Urls\": \"http://localhost:5000\",\n  \"Kestrel\": { \"Endpoints\": { \"Http\": { \"Url\": \"http://*:5000\" } } }\n}\n");
        var production = _tree.Write("repo/App/appsettings.Production.json", "{ \"Logging\": { } }\n");

        Run(Program("app.Urls.Add(\"http://*:\" + app.Configuration[\"PORT\"]);"), configure: t => t.AppSettingsFiles = new ITaskItem[] { new TaskItem(settings), new TaskItem(production) });

        Assert.Equal(new[] { "appsettings.json(2,11): warning HK3003", "appsettings.json(3,48): warning HK3003" }, _engine.Findings);
        Assert.Contains("'Urls' in appsettings.json binds the fixed address 'http://localhost:5000': the web command passes no --urls", _engine.Warnings[0].Message);
        Assert.Contains("'Kestrel:Endpoints:Http:Url'", _engine.Warnings[1].Message);
        Assert.EndsWith("/docs/rules/HK3003.md", _engine.Warnings[0].HelpLink);
    }

    [Fact]
    public void A_urls_key_the_web_command_overrides_is_not_HK3003_in_the_gate_either()
    {
        _tree.Write("repo/Procfile", "web: cd App/bin/publish; ./App --urls http://*:$PORT\n");
        var settings = _tree.Write("repo/App/appsettings.json", "{ \"Urls\": \"http://localhost:5000\" }\n");

        Run(Program(""), configure: t => t.AppSettingsFiles = new ITaskItem[] { new TaskItem(settings) });

        Assert.Empty(_engine.Findings);
    }

    [Fact]
    public void NoWarn_switches_it_off_as_for_every_task_rule()
    {
        _tree.Write("repo/Procfile", "worker: ./App\n");

        Run(Program(""), configure: t => t.NoWarn = "HK3004");

        Assert.Empty(_engine.Findings);
    }

    private string Program(string line)
        => _tree.Write("repo/App/Program.cs", "var app = WebApplication.CreateBuilder(args).Build();\n" + line + "\napp.Run();\n");

    private void Run(string program, bool container = false, Action<CheckHerokuWebProcess>? configure = null)
    {
        var files = new List<ITaskItem>();
        foreach (var (name, kind) in new[] { ("Procfile", "Procfile"), ("heroku.yml", "HerokuYml"), ("Dockerfile", "Dockerfile") })
        {
            if (File.Exists(_tree.Path("repo/" + name)))
            {
                files.Add(new TaskItem(_tree.Path("repo/" + name), new Dictionary<string, string> { ["HerokuFileKind"] = kind }));
            }
        }

        var task = new CheckHerokuWebProcess
        {
            BuildEngine = _engine,
            HerokuFiles = files.ToArray(),
            SourceFiles = new ITaskItem[] { new TaskItem(program) },
            AssemblyName = "App",
            ProjectDirectory = _tree.Path("repo/App"),
            DeployKind = container ? "container" : "buildpack",
        };
        configure?.Invoke(task);
        task.Execute();
    }

    public void Dispose() => _tree.Dispose();
}
