using HerokuAnalyzers.Json;
using HerokuAnalyzers.Tasks.Gate;
using HerokuAnalyzers.Tasks.Rehearsal;
using HerokuAnalyzers.Tasks.Tests.Infrastructure;

namespace HerokuAnalyzers.Tasks.Tests.Rehearsal;

/// <summary>The parts of the dyno rehearsal that need no running app; the rest is proven end to end.</summary>
public sealed class RehearsalTests : IDisposable
{
    private readonly TempTree _tree = new();

    [Fact]
    public void App_json_env_gives_values_defaults_secrets_and_names_required_vars_without_value()
    {
        var root = JsonParser.Parse("""
            {
              "env": {
                "PLAIN": "literal",
                "WITH_VALUE": { "description": "d", "value": "default" },
                "SECRET": { "generator": "secret" },
                "OPTIONAL": { "required": false },
                "API_KEY": { "description": "no value" },
                "FROM_BUILD": { "required": true },
                "OVERRIDDEN": { "value": "app.json" }
              }
            }
            """, relaxed: false, out _);
        var missing = new List<MissingConfigVar>();
        var settings = RehearsalConfigVars.ParseSettings("OVERRIDDEN=rehearsal;EXTRA=a=b");

        var vars = RehearsalConfigVars.FromAppJson(root, settings, name => name == "FROM_BUILD" ? "build" : null, missing);

        Assert.Equal("literal", vars["PLAIN"]);
        Assert.Equal("default", vars["WITH_VALUE"]);
        Assert.Matches("^[0-9a-f]{64}$", vars["SECRET"]);
        Assert.False(vars.ContainsKey("OPTIONAL"));
        Assert.Equal("build", vars["FROM_BUILD"]);
        Assert.Equal("rehearsal", vars["OVERRIDDEN"]);
        Assert.Equal("a=b", vars["EXTRA"]);
        var api = Assert.Single(missing);
        Assert.Equal("API_KEY", api.Name);
        Assert.Equal((7, 5), (api.Position.Line, api.Position.Column));
    }

    [Fact]
    public void Two_secrets_differ()
    {
        var root = JsonParser.Parse("""{ "env": { "A": { "generator": "secret" }, "B": { "generator": "secret" } } }""", relaxed: false, out _);
        var vars = RehearsalConfigVars.FromAppJson(root, new Dictionary<string, string>(), _ => null, new List<MissingConfigVar>());
        Assert.NotEqual(vars["A"], vars["B"]);
    }

    [Fact]
    public void A_required_var_without_value_is_reported_at_app_json_and_nothing_is_started()
    {
        var project = _tree.Write("repo/App/App.csproj", "<Project />");
        _tree.Write("repo/Procfile", "web: cd App/bin/publish; ./App --urls http://*:$PORT\n");
        var appJson = _tree.Write("repo/app.json", "{\n  \"env\": {\n    \"API_KEY\": { \"required\": true },\n    \"TOKEN\": {}\n  }\n}\n");
        _tree.Write("repo/App/bin/publish/App.dll", "");
        var engine = new FakeBuildEngine();
        var task = Task(engine, project);

        Assert.False(task.Execute());

        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Assert.Equal(new[] { "app.json(3,5): error HK9005", "app.json(4,5): error HK9005" }, engine.Findings);
        Assert.All(engine.Errors, e => Assert.Contains("API_KEY, TOKEN", e.Message));
        Assert.Equal(appJson, engine.Errors[0].File);
        Assert.False(Directory.Exists(_tree.Path("repo/App/obj/heroku/rehearsal")), "the app must not be laid out, let alone started");
        Assert.Contains("\"missingConfigVars\"", File.ReadAllText(_tree.Path("repo/App/obj/heroku/rehearsal.json")));
    }

    [Fact]
    public void Without_a_publish_it_says_how_to_publish()
    {
        var project = _tree.Write("repo/App/App.csproj", "<Project />");
        var engine = new FakeBuildEngine();
        var task = Task(engine, project);

        Assert.False(task.Execute());

        if (!OperatingSystem.IsWindows())
        {
            Assert.Contains("HerokuRehearsalPublish=true", Assert.Single(engine.Errors).Message);
        }
    }

    [Fact]
    public void The_stage_puts_the_publish_output_where_the_buildpack_does_and_links_the_rest()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        _tree.Write("repo/Procfile", "web: ./run\n");
        _tree.Write("repo/scripts/run.sh", "echo hi\n");
        _tree.Write("repo/App/Program.cs", "// app\n");
        _tree.Write("repo/App/bin/Debug/stale.txt", "not published\n");
        _tree.Write("out/App.dll", "published");
        var stage = _tree.Path("repo/App/obj/heroku/rehearsal/app");

        AppStage.Create(_tree.Path("repo"), "App/bin/publish", _tree.Path("out"), stage);
        AppStage.Create(_tree.Path("repo"), "App/bin/publish", _tree.Path("out"), stage);

        Assert.Equal("published", File.ReadAllText(Path.Combine(stage, "App/bin/publish/App.dll")));
        Assert.Equal("echo hi\n", File.ReadAllText(Path.Combine(stage, "scripts/run.sh")));
        Assert.True(File.Exists(Path.Combine(stage, "Procfile")));
        Assert.True(File.Exists(Path.Combine(stage, "App/Program.cs")));
        Assert.False(Directory.Exists(Path.Combine(stage, "App/bin/Debug")));
        Assert.False(Directory.Exists(Path.Combine(stage, "App/obj")), "the stage lives in obj: linking it would loop");
        Assert.True(File.Exists(_tree.Path("out/App.dll")), "recreating the stage must not delete what its links point to");
    }

    [Fact]
    public void Percentiles_use_the_nearest_rank()
    {
        var result = new PathResult("/");
        result.FirstByteMilliseconds.AddRange(Enumerable.Range(1, 100).Select(i => (double)i).Reverse());
        Assert.Equal(50, result.Percentile(50));
        Assert.Equal(95, result.Percentile(95));
        Assert.Equal(0, new PathResult("/").Percentile(95));
    }

    [Fact]
    public void The_pre_push_hook_runs_the_rehearsal_when_asked()
    {
        _tree.CreateDirectory("repo/.git/hooks");
        var engine = new FakeBuildEngine();
        var task = new InstallHerokuPrePushHook
        {
            BuildEngine = engine,
            RepositoryRoot = _tree.Path("repo"),
            ProjectPath = _tree.Path("repo/src/App/App.csproj"),
            Rehearse = true,
        };

        Assert.True(task.Execute(), string.Join("\n", engine.Errors.Select(e => e.Message)));
        Assert.Contains("dotnet msbuild \"src/App/App.csproj\" -restore \"-t:HerokuCheck;HerokuRehearse\" -p:HerokuRehearsalPublish=true -p:Configuration=Release ", File.ReadAllText(task.HookPath));
    }

    private RehearseHerokuDyno Task(FakeBuildEngine engine, string project) => new()
    {
        BuildEngine = engine,
        ProjectFile = project,
        ProjectDirectory = Path.GetDirectoryName(project)!,
        AssemblyName = "App",
        IsWebProject = true,
        RepositoryRoot = _tree.Path("repo"),
        ProcfilePath = File.Exists(_tree.Path("repo/Procfile")) ? _tree.Path("repo/Procfile") : "",
        AppJsonPath = File.Exists(_tree.Path("repo/app.json")) ? _tree.Path("repo/app.json") : "",
        PublishDirectories = new[] { _tree.Path("repo/App/bin/publish") },
        WorkDirectory = _tree.Path("repo/App/obj/heroku"),
    };

    public void Dispose() => _tree.Dispose();
}
