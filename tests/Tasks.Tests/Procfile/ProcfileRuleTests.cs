using HerokuAnalyzers.Tasks.Procfile;
using HerokuAnalyzers.Tasks.Tests.Infrastructure;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace HerokuAnalyzers.Tasks.Tests.Procfile;

/// <summary>HK4002–HK4008: what the CNB accepts but still breaks, or breaks on one platform only.</summary>
public sealed class ProcfileRuleTests : IDisposable
{
    private readonly TempTree _tree = new();

    [Theory]
    [InlineData("web:cmd\n", "Procfile(1,5): HK4002")]
    [InlineData("my_worker: a\n", "Procfile(1,1): HK4002")]
    [InlineData("Web: a\n", "Procfile(1,1): HK4002")]
    [InlineData("   web: a\n", "Procfile(1,1): HK4002")]
    [InlineData("web : a\n", "Procfile(1,4): HK4001|Procfile(1,5): HK4002")]
    public void Lines_the_two_parsers_read_differently_are_HK4002(string procfile, string expected)
    {
        Assert.Equal(expected, Render(Check(procfile)));
    }

    [Fact]
    public void HK4002_names_the_consequence_for_web()
    {
        var finding = Assert.Single(Check("Web: ./app\n"));
        Assert.Contains("'Web' to 'web'", finding.Message);
        Assert.Contains("H14", finding.Message);

        var ignored = Assert.Single(Check("web:./app\n"));
        Assert.Contains("Cedar ignores", ignored.Message);
        Assert.Contains("'web: ./app'", ignored.Message);
    }

    [Theory]
    [InlineData("web: a\nworker: b\n")]
    [InlineData("web:\ta\n")]
    [InlineData("# web:x\nweb: a\n")]
    public void Lines_both_parsers_agree_on_are_clean(string procfile)
    {
        Assert.Empty(Check(procfile));
    }

    [Fact]
    public void A_duplicate_is_reported_at_the_definition_Heroku_ignores()
    {
        var finding = Assert.Single(Check("web: a\nworker: w\nweb: b\n"));
        Assert.Equal(("HK4003", 1, 1), (finding.Rule.Id, finding.Line, finding.Column));
        Assert.Contains("line 3", finding.Message);
    }

    [Fact]
    public void A_name_defined_three_times_is_one_HK4003_listing_every_line()
    {
        var findings = Check("web: a\nworker: w\nweb: b\nworker: v\nweb: c\n");

        Assert.Equal("Procfile(1,1): HK4003|Procfile(2,1): HK4003", Render(findings));
        var web = findings.Single(f => f.Line == 1);
        Assert.Contains("defined on 3 lines (1, 3, 5)", web.Message);
        Assert.Contains("line 5, and silently ignores lines 1, 3", web.Message);
        Assert.Contains("(2, 4)", findings.Single(f => f.Line == 2).Message);
    }

    [Theory]
    [InlineData("web: bin\\App.exe --urls http://*:$PORT\n", 6)]
    [InlineData("web: %APP%.exe\n", 6)]
    [InlineData("web: %APP%\\run.cmd\n", 6)]
    public void One_HK4008_per_position_when_several_Windows_signs_meet_in_one_word(string procfile, int column)
    {
        var finding = Assert.Single(Check(procfile));
        Assert.Equal(("HK4008", 1, column), (finding.Rule.Id, finding.Line, finding.Column));
    }

    [Fact]
    public void Windows_signs_at_different_positions_are_each_reported()
    {
        Assert.Equal("Procfile(1,6): HK4008|Procfile(1,21): HK4008", Render(Check("web: App.exe --urls %PORT%\n")));
    }

    [Theory]
    [InlineData("web: dotnet run --project App\n", "HK4005", 6)]
    [InlineData("web: cd App && dotnet watch\n", "HK4005", 16)]
    [InlineData("worker: ASPNETCORE_ENVIRONMENT=Production dotnet build && ./x\n", "HK4005", 43)]
    [InlineData("web: dotnet tool run foo\n", "HK4005", 6)]
    [InlineData("release: dotnet ef database update\n", "HK4006", 10)]
    [InlineData("release: bash -c 'dotnet-ef database update'\n", "HK4006", 18)]
    [InlineData("release: /app/.dotnet/dotnet ef database update\n", "HK4006", 10)]
    public void Commands_that_need_the_SDK_are_reported_release_as_an_error(string procfile, string id, int column)
    {
        var finding = Assert.Single(Check(procfile));
        Assert.Equal((id, 1, column), (finding.Rule.Id, finding.Line, finding.Column));
        Assert.Contains("SDK", finding.Message);
    }

    [Fact]
    public void Migrations_point_at_an_efbundle_in_release()
    {
        var finding = Assert.Single(Check("release: dotnet ef database update\n", Project("Api", "Api")));
        Assert.Contains("release: Api/bin/publish/efbundle", finding.Message);
        Assert.Contains("release fails", finding.Message);
    }

    [Theory]
    [InlineData("web: dotnet Api.dll --urls http://*:$PORT\n")]
    [InlineData("release: Api/bin/publish/efbundle\n")]
    [InlineData("web: dotnet --info\n")]
    public void Running_published_output_is_clean(string procfile)
    {
        Assert.Empty(Check(procfile));
    }

    [Theory]
    [InlineData("web: cd src/Api/bin/publish; ./Api --urls http://*:$PORT\n")]
    [InlineData("web: cd src/Api/bin/publish/ && ./Api\n")]
    [InlineData("web: src/Api/bin/publish/Api\n")]
    [InlineData("web: cd src/Api/bin/publish; dotnet Api.dll\n")]
    [InlineData("release: src/Api/bin/publish/efbundle\n")]
    [InlineData("worker: cd src/Worker/bin/publish; ./Worker\n")]
    [InlineData("web: gunicorn app.wsgi\n")]
    public void The_buildpack_layout_is_clean(string procfile)
    {
        Assert.Empty(Check(procfile, Project("src/Api", "Api")));
    }

    [Theory]
    [InlineData("web: cd src/Api/bin/Release/net8.0/publish; ./Api\n", 45)]
    [InlineData("web: cd $HOME/heroku_output && ./Api\n", 32)]
    [InlineData("web: dotnet src/Api/bin/Release/net8.0/Api.dll\n", 6)]
    [InlineData("web: cd src/Api/bin/publish; ./api\n", 30)]
    [InlineData("web: cd src/Api/bin/publish; ./Frontend\n", 30)]
    [InlineData("web: cd bin/publish; ./Api\n", 22)]
    public void Another_path_or_name_than_the_buildpack_publishes_is_HK4007(string procfile, int column)
    {
        var finding = Assert.Single(Check(procfile, Project("src/Api", "Api")));
        Assert.Equal(("HK4007", column), (finding.Rule.Id, finding.Column));
        Assert.Contains("src/Api/bin/publish", finding.Message);
    }

    [Fact]
    public void A_project_at_the_app_root_publishes_to_bin_publish()
    {
        Assert.Empty(Check("web: cd bin/publish; ./DotNetRazorPages --urls http://*:$PORT\n", Project("", "DotNetRazorPages")));
    }

    [Theory]
    [InlineData("web: python manage.py runserver %PORT%\n", 33, "R10")]
    [InlineData("web: cd App\\bin\\publish && App\n", 9, "H10")]
    [InlineData("web: start.bat\n", 6, "H10")]
    [InlineData("web: App.exe --urls http://*:$PORT\n", 6, "H10")]
    public void Windows_syntax_is_HK4008(string procfile, int column, string code)
    {
        var finding = Assert.Single(Check(procfile));
        Assert.Equal(("HK4008", column), (finding.Rule.Id, finding.Column));
        Assert.Contains(code, finding.Message);
    }

    [Theory]
    [InlineData("web: echo \"a\\nb\" && ./app\n")]
    [InlineData("web: Run serve --port \\$PORT\n")]
    [InlineData("web: echo 'this is the \"web\" process!' && echo \"\\\"PORT\\\" is set\"\n")]
    [InlineData("web: date +%Y%m%d\n")]
    public void Escapes_and_quotes_are_not_Windows_paths(string procfile)
    {
        Assert.Empty(Check(procfile));
    }

    [Theory]
    [InlineData("procfile")]
    [InlineData("PROCFILE")]
    [InlineData("Procfile.txt")]
    public void A_misnamed_Procfile_at_the_repository_root_is_HK4004(string name)
    {
        _tree.CreateDirectory("repo/.git");
        var misnamed = _tree.Write("repo/" + name, "web: x\n");
        _tree.CreateDirectory("repo/App");

        var engine = Build("repo/App");

        var warning = Assert.Single(engine.Warnings);
        Assert.Equal(("HK4004", misnamed, 1, 1), (warning.Code, warning.File, warning.LineNumber, warning.ColumnNumber));
        Assert.Contains("'" + name + "'", warning.Message);
    }

    [Theory]
    [InlineData("procfile", "# notes about processes\nsee the wiki\n")]
    [InlineData("procfile", "")]
    [InlineData("Procfile.txt", "# web: ./App\n")]
    [InlineData("procfile", "just a line with no colon\n")]
    public void A_misnamed_file_that_does_not_look_like_a_Procfile_is_not_HK4004(string name, string content)
    {
        _tree.CreateDirectory("repo/.git");
        _tree.Write("repo/" + name, content);
        _tree.CreateDirectory("repo/App");

        var engine = Build("repo/App");

        Assert.Empty(engine.Warnings);
        Assert.Empty(engine.Errors);
    }

    [Theory]
    [InlineData("web:node\nindex.js\n")]
    [InlineData("# processes\n\n  worker : ./run\n")]
    [InlineData("my.worker: ./run\n")]
    public void A_misnamed_file_with_a_name_command_line_looks_like_a_Procfile(string content)
    {
        Assert.True(HerokuAnalyzers.Tasks.Files.MisnamedFileChecks.LooksLikeProcfile(_tree.Write("repo/procfile", content)));
    }

    [Fact]
    public void A_UTF16_Procfile_txt_from_Notepad_still_looks_like_a_Procfile()
    {
        var bytes = new byte[] { 0xFF, 0xFE }.Concat(System.Text.Encoding.Unicode.GetBytes("web:node\r\nindex.js")).ToArray();
        Assert.True(HerokuAnalyzers.Tasks.Files.MisnamedFileChecks.LooksLikeProcfile(_tree.WriteBytes("repo/Procfile.txt", bytes)));
    }

    [Fact]
    public void A_Procfile_next_to_a_misnamed_copy_is_what_counts()
    {
        _tree.CreateDirectory("repo/.git");
        _tree.Write("repo/Procfile", "web: x\n");
        _tree.Write("repo/Procfile.txt", "web: y\n");

        Assert.Empty(Build("repo").Findings);
    }

    [Fact]
    public void The_task_passes_AssemblyName_and_project_directory_to_the_checks()
    {
        _tree.CreateDirectory("repo/.git");
        _tree.Write("repo/Procfile", "web: cd Api/bin/publish; ./api --urls http://*:$PORT\n");
        _tree.CreateDirectory("repo/Api");

        var engine = Build("repo/Api", assemblyName: "Api");

        Assert.Equal(new[] { "Procfile(1,26): warning HK4007" }, engine.Findings);
    }

    private FakeBuildEngine Build(string projectDirectory, string assemblyName = "App")
    {
        var engine = new FakeBuildEngine();
        var resolve = new ResolveHerokuFiles { BuildEngine = engine, ProjectDirectory = _tree.Path(projectDirectory) };
        Assert.True(resolve.Execute());
        var check = new CheckHerokuFiles
        {
            BuildEngine = engine,
            HerokuFiles = resolve.HerokuFiles,
            MisnamedHerokuFiles = resolve.MisnamedHerokuFiles,
            ProjectDirectory = _tree.Path(projectDirectory),
            AssemblyName = assemblyName,
            RepositoryRoot = resolve.RepositoryRoot,
        };
        check.Execute();
        return engine;
    }

    private ProjectFacts Project(string relativeDirectory, string assemblyName)
        => new(_tree.Path(Path.Combine("app", relativeDirectory)), assemblyName, _tree.Path("app"), isWebProject: true, inspectFileSystem: true);

    private List<Reporting.Finding> Check(string procfile, ProjectFacts? project = null)
        => ProcfileChecks.Check(_tree.Write("app/Procfile", procfile), project ?? ProjectFacts.Unknown).ToList();

    private static string Render(IEnumerable<Reporting.Finding> findings)
        => string.Join("|", findings.OrderBy(f => f.Line).ThenBy(f => f.Column).Select(f => $"{Path.GetFileName(f.File)}({f.Line},{f.Column}): {f.Rule.Id}"));

    public void Dispose() => _tree.Dispose();
}
