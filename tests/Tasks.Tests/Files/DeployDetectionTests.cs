using HerokuAnalyzers.Tasks.Tests.Infrastructure;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace HerokuAnalyzers.Tasks.Tests.Files;

/// <summary>Container deploys are recognised from what Heroku reads, never from a Dockerfile alone.</summary>
public sealed class DeployDetectionTests : IDisposable
{
    private readonly TempTree _tree = new();

    public DeployDetectionTests() => _tree.CreateDirectory("repo/.git");

    [Fact]
    public void Heroku_yml_build_docker_is_a_container_deploy_with_its_web_Dockerfile_and_target()
    {
        _tree.Write("repo/heroku.yml", "build:\n  docker:\n    worker: worker/Dockerfile\n    web:\n      dockerfile: deploy/Dockerfile\n      target: runtime\n");
        _tree.Write("repo/deploy/Dockerfile", "FROM scratch\n");
        _tree.Write("repo/Dockerfile", "FROM scratch\n");

        var task = Resolve();

        Assert.Equal("container", task.DeployKind);
        var dockerfile = Assert.Single(task.HerokuFiles, i => i.GetMetadata("HerokuFileKind") == "Dockerfile");
        Assert.Equal(_tree.Path("repo/deploy/Dockerfile"), dockerfile.ItemSpec);
        Assert.Equal("runtime", dockerfile.GetMetadata("HerokuDockerTarget"));
    }

    [Fact]
    public void App_json_stack_container_is_a_container_deploy_using_the_nearest_Dockerfile()
    {
        _tree.Write("repo/app.json", "{ \"stack\": \"container\" }");
        _tree.Write("repo/Dockerfile", "FROM scratch\n");

        var task = Resolve();

        Assert.Equal("container", task.DeployKind);
        Assert.Equal(_tree.Path("repo/Dockerfile"), Assert.Single(task.HerokuFiles, i => i.GetMetadata("HerokuFileKind") == "Dockerfile").ItemSpec);
    }

    [Fact]
    public void HerokuDeploy_container_with_HerokuDockerfile_names_the_pushed_image()
    {
        _tree.Write("repo/App/Dockerfile.web", "FROM scratch\n");

        var task = Resolve(deploy: "container", dockerfile: "Dockerfile.web");

        Assert.Equal("container", task.DeployKind);
        Assert.Equal(_tree.Path("repo/App/Dockerfile.web"), Assert.Single(task.HerokuFiles, i => i.GetMetadata("HerokuFileKind") == "Dockerfile").ItemSpec);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("build:\n  languages:\n    - dotnet\n", null)]
    [InlineData("build: [", null)]
    [InlineData("build:\n  docker:\n    web: Dockerfile\n", "buildpack")]
    public void A_Dockerfile_alone_or_a_heroku_yml_without_docker_builds_is_a_buildpack_deploy(string? herokuYml, string? deploy)
    {
        _tree.Write("repo/Dockerfile", "FROM scratch\n");
        if (herokuYml != null)
        {
            _tree.Write("repo/heroku.yml", herokuYml);
        }

        var task = Resolve(deploy: deploy);

        Assert.Equal("buildpack", task.DeployKind);
        Assert.DoesNotContain(task.HerokuFiles, i => i.GetMetadata("HerokuFileKind") == "Dockerfile");
    }

    [Fact]
    public void On_a_container_deploy_buildpack_rules_are_not_reported()
    {
        _tree.Write("repo/Procfile", "web: dotnet run --project App\nrelease: dotnet ef database update\nworker: cd bin/publish; ./Other\n");
        _tree.Write("repo/app.json", "{ \"stack\": \"container\", \"buildpacks\": [ { \"url\": \"https://github.com/jincod/dotnetcore-buildpack\" } ] }");

        Assert.Equal(new[] { "app.json(1,50): warning HK5009", "Procfile(1,6): warning HK4005", "Procfile(2,10): error HK4006" }, CheckFiles("buildpack").Order());
        Assert.Empty(CheckFiles("container"));
    }

    [Fact]
    public void On_a_container_deploy_slugignore_rules_are_not_reported()
    {
        // Heroku applies .slugignore in the slug compiler of classic buildpacks only; an image is built from the Dockerfile.
        _tree.Write("repo/App/App.csproj", "<Project />");
        _tree.Write("repo/App.sln", "");
        _tree.Write("repo/.slugignore", "*.sln\n!keep.txt\n[z-a].log\nno-such-folder/\n");
        _tree.Write("repo/Procfile", "web: cd App/bin/publish; ./App --urls http://*:$PORT\n");

        var buildpack = CheckFiles("buildpack", ("Procfile", "Procfile"), (".slugignore", "SlugIgnore")).ToList();
        Assert.Contains(buildpack, f => f.Contains(".slugignore(1,1): error HK7010", StringComparison.Ordinal));
        Assert.Contains(buildpack, f => f.Contains("HK7011", StringComparison.Ordinal));
        Assert.Contains(buildpack, f => f.Contains("HK7013", StringComparison.Ordinal));
        Assert.DoesNotContain(CheckFiles("container", ("Procfile", "Procfile"), (".slugignore", "SlugIgnore")), f => f.Contains(".slugignore", StringComparison.Ordinal));
    }

    [Fact]
    public void On_a_container_deploy_HK7004_is_not_reported()
    {
        var engine = new FakeBuildEngine();
        var task = new CheckHerokuProject { BuildEngine = engine, ProjectFile = _tree.Write("repo/App/App.csproj", "<Project />"), TargetFramework = "net6.0", DeployKind = "container" };

        Assert.True(task.Execute());
        Assert.Empty(engine.Findings);
    }

    private IEnumerable<string> CheckFiles(string deployKind, params (string Name, string Kind)[] kinds)
    {
        var engine = new FakeBuildEngine();
        var files = (kinds.Length > 0 ? kinds : new[] { ("Procfile", "Procfile"), ("app.json", "AppJson") })
            .Select(f => (ITaskItem)new TaskItem(_tree.Path("repo/" + f.Item1), new Dictionary<string, string> { ["HerokuFileKind"] = f.Item2 }))
            .ToArray();
        new CheckHerokuFiles
        {
            BuildEngine = engine,
            HerokuFiles = files,
            ProjectDirectory = _tree.Path("repo/App"),
            AssemblyName = "App",
            IsWebProject = true,
            DeployKind = deployKind,
        }.Execute();
        return engine.Findings.ToList();
    }

    private ResolveHerokuFiles Resolve(string? deploy = null, string? dockerfile = null)
    {
        var task = new ResolveHerokuFiles { BuildEngine = new FakeBuildEngine(), ProjectDirectory = _tree.CreateDirectory("repo/App"), Deploy = deploy, Dockerfile = dockerfile };
        Assert.True(task.Execute());
        return task;
    }

    public void Dispose() => _tree.Dispose();
}
