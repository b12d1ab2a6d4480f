using HerokuAnalyzers.Tasks.HerokuYml;
using HerokuAnalyzers.Tasks.Tests.Infrastructure;

namespace HerokuAnalyzers.Tasks.Tests.HerokuYml;

public sealed class HerokuYmlRuleTests : IDisposable
{
    private readonly TempTree _tree = new();

    [Fact]
    public void A_complete_manifest_is_clean()
    {
        _tree.Write("Dockerfile", "FROM x");
        _tree.Write("worker/Dockerfile", "FROM x");
        Assert.Empty(Check("""
            setup:
              addons:
                - plan: heroku-postgresql
                  as: DATABASE
              config:
                MODE: demo
            build:
              docker:
                web: Dockerfile
                worker:
                  dockerfile: worker/Dockerfile
                  target: runtime
              config:
                NIGHTLY: 0
            release:
              image: worker
              command:
                - ./efbundle
            run:
              web: ./App --urls http://*:$PORT
              worker:
                command:
                  - ./Worker
                image: worker
            """));
    }

    [Fact]
    public void A_YAML_error_is_HK6001_at_its_position()
    {
        var finding = Assert.Single(Check("build:\n  docker:\n    web: Dockerfile\n   run: [\n"));
        Assert.Equal("HK6001", finding.Rule.Id);
        Assert.True(finding.Line >= 3, finding.ToString());
        Assert.Contains("build fails", finding.Message);
    }

    [Theory]
    [InlineData("build:\n  docker:\n    web: Dockerfile\ndeploy:\n  x: 1\n", 4, 1, "'deploy'")]
    [InlineData("run:\n  web: x\n", 1, 1, "no build section")]
    [InlineData("build:\n  docker:\n    web: Dockerfile\nrelease:\n  command: [1, [2]]\n", 5, 16, "release.command entry")]
    [InlineData("build:\n  docker:\n    web: Dockerfile\n  dockerfile: x\n", 4, 3, "'dockerfile' in build")]
    [InlineData("build:\n  docker:\n    web: Dockerfile\nrun: bash start.sh\n", 4, 6, "run is a scalar")]
    public void Sections_keys_and_shapes_are_HK6002(string yaml, int line, int column, string text)
    {
        _tree.Write("Dockerfile", "FROM x");
        var finding = Assert.Single(Check(yaml));
        Assert.Equal(("HK6002", line, column), (finding.Rule.Id, finding.Line, finding.Column));
        Assert.Contains(text, finding.Message);
    }

    [Theory]
    [InlineData("Dockerfile.web", "differs in case")]
    [InlineData("api/Dockerfile", "does not exist")]
    public void A_missing_Dockerfile_is_HK6003(string path, string text)
    {
        _tree.Write("dockerfile.web", "FROM x");
        var finding = Assert.Single(Check("build:\n  docker:\n    web: " + path + "\n"));
        Assert.Equal(("HK6003", 3, 10), (finding.Rule.Id, finding.Line, finding.Column));
        Assert.Contains(text, finding.Message);
    }

    [Fact]
    public void Buildpack_manifests_are_HK6004()
    {
        var finding = Assert.Single(Check("build:\n  languages:\n    - go\nrun:\n  web: app\n"));
        Assert.Equal(("HK6004", 2, 3), (finding.Rule.Id, finding.Line, finding.Column));
    }

    [Fact]
    public void Aliases_are_not_expanded_and_not_reported()
    {
        _tree.Write("Dockerfile", "FROM x");
        Assert.Empty(Check("build:\n  docker:\n    web: &df Dockerfile\n    worker: *df\nrun:\n  web: &cmd ./app\n  worker: *cmd\n"));
    }

    [Fact]
    public void A_heroku_yaml_file_is_HK6005()
    {
        _tree.CreateDirectory("repo/.git");
        var path = _tree.Write("repo/heroku.yaml", "build:\n  docker:\n    web: Dockerfile\n");
        var engine = new FakeBuildEngine();
        var resolve = new ResolveHerokuFiles { BuildEngine = engine, ProjectDirectory = _tree.Path("repo") };
        resolve.Execute();
        new CheckHerokuFiles { BuildEngine = engine, HerokuFiles = resolve.HerokuFiles, MisnamedHerokuFiles = resolve.MisnamedHerokuFiles }.Execute();

        var warning = Assert.Single(engine.Warnings);
        Assert.Equal(("HK6005", path, 1, 1), (warning.Code, warning.File, warning.LineNumber, warning.ColumnNumber));
    }

    private List<Reporting.Finding> Check(string yaml)
    {
        var project = new ProjectFacts(null, null, _tree.Root, isWebProject: true, inspectFileSystem: true);
        return HerokuYmlChecks.Check(HerokuYmlModel.Load(_tree.Write("heroku.yml", yaml)), project);
    }

    public void Dispose() => _tree.Dispose();
}
