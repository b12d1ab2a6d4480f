using HerokuAnalyzers.Tasks.Tests.Infrastructure;

namespace HerokuAnalyzers.Tasks.Tests.Files;

public sealed class ResolveHerokuFilesTests : IDisposable
{
    private readonly TempTree _tree = new();

    [Fact]
    public void Finds_each_kind_nearest_to_the_project_up_to_the_repository_root()
    {
        _tree.CreateDirectory("repo/.git");
        _tree.Write("repo/Procfile", "web: x");
        _tree.Write("repo/app.json", "{}");
        _tree.Write("repo/heroku.yml", "build: {}");
        _tree.Write("repo/.slugignore", "docs/");
        _tree.Write("repo/src/Api/app.json", "{}");
        _tree.CreateDirectory("repo/src/Api/Api");

        var found = Resolve("repo/src/Api/Api", out var root);

        Assert.Equal(_tree.Path("repo"), root);
        Assert.Equal(_tree.Path("repo/Procfile"), found["Procfile"]);
        Assert.Equal(_tree.Path("repo/src/Api/app.json"), found["AppJson"]);
        Assert.Equal(_tree.Path("repo/heroku.yml"), found["HerokuYml"]);
        Assert.Equal(_tree.Path("repo/.slugignore"), found["SlugIgnore"]);
    }

    [Fact]
    public void Does_not_look_above_the_repository_root()
    {
        _tree.Write("Procfile", "web: x");
        _tree.Write("repo/.git", "gitdir: ../elsewhere");
        _tree.CreateDirectory("repo/App");

        Assert.Empty(Resolve("repo/App", out var root));
        Assert.Equal(_tree.Path("repo"), root);
    }

    [Theory]
    [InlineData("procfile")]
    [InlineData("PROCFILE")]
    [InlineData("Procfile.txt")]
    public void Only_the_exact_name_counts_because_Heroku_matches_it_exactly(string name)
    {
        _tree.CreateDirectory("repo/.git");
        _tree.Write("repo/" + name, "web: x");

        Assert.False(Resolve("repo", out _).ContainsKey("Procfile"));
    }

    private Dictionary<string, string> Resolve(string projectDirectory, out string repositoryRoot)
    {
        var task = new ResolveHerokuFiles { BuildEngine = new FakeBuildEngine(), ProjectDirectory = _tree.Path(projectDirectory) };
        Assert.True(task.Execute());
        repositoryRoot = task.RepositoryRoot;
        return task.HerokuFiles.ToDictionary(i => i.GetMetadata("HerokuFileKind"), i => i.ItemSpec);
    }

    public void Dispose() => _tree.Dispose();
}
