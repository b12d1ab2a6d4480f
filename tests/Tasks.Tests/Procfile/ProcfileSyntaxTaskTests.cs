using System.Text;
using HerokuAnalyzers.Tasks.Tests.Infrastructure;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace HerokuAnalyzers.Tasks.Tests.Procfile;

public sealed class ProcfileSyntaxTaskTests : IDisposable
{
    private readonly TempTree _tree = new();

    [Fact]
    public void A_line_the_CNB_rejects_is_an_HK4001_error_at_its_line_and_column_with_a_help_link()
    {
        var procfile = _tree.Write("Procfile", "web: ./app --urls http://*:$PORT\nMy.Worker: ./worker\n");

        var (result, engine) = Run(procfile);

        Assert.False(result);
        var error = Assert.Single(engine.Errors);
        Assert.Equal(("HK4001", procfile, 2, 3), (error.Code, error.File, error.LineNumber, error.ColumnNumber));
        Assert.Equal(0, error.EndLineNumber);
        Assert.Null(error.Subcategory);
        Assert.EndsWith("/docs/rules/HK4001.md", error.HelpLink);
        Assert.Contains("'My.Worker'", error.Message);
        Assert.Contains("fails the build", error.Message);
    }

    [Fact]
    public void A_valid_Procfile_logs_nothing()
    {
        var (result, engine) = Run(_tree.Write("Procfile", "web: cd App/bin/publish; ./App --urls http://*:$PORT\nrelease: ./efbundle\n"));

        Assert.True(result);
        Assert.Empty(engine.Findings);
    }

    [Fact]
    public void A_UTF16_Procfile_is_one_clear_error_at_the_start()
    {
        var bytes = new byte[] { 0xFF, 0xFE }.Concat(Encoding.Unicode.GetBytes("web: node index.js\r\n")).ToArray();
        var (_, engine) = Run(_tree.WriteBytes("Procfile", bytes));

        var error = Assert.Single(engine.Errors);
        Assert.Equal((1, 1), (error.LineNumber, error.ColumnNumber));
        Assert.Contains("UTF-16", error.Message);
    }

    [Fact]
    public void Invalid_UTF8_is_reported_where_the_bad_byte_is()
    {
        var bytes = Encoding.UTF8.GetBytes("web: a\nworker: b").Concat(new byte[] { 0xC3, 0x28 }).ToArray();
        var (_, engine) = Run(_tree.WriteBytes("Procfile", bytes));

        var error = Assert.Single(engine.Errors);
        Assert.Equal((2, 10), (error.LineNumber, error.ColumnNumber));
        Assert.Contains("not valid UTF-8", error.Message);
    }

    [Fact]
    public void A_BOM_is_an_error_and_the_rest_is_still_checked()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("web: a\nbad worker: b\n")).ToArray();
        var (_, engine) = Run(_tree.WriteBytes("Procfile", bytes));

        Assert.Equal(new[] { "Procfile(1,1): error HK4001", "Procfile(2,4): error HK4001" }, engine.Findings);
    }

    [Fact]
    public void A_directory_named_Procfile_is_a_finding_not_a_crash()
    {
        var (result, engine) = Run(_tree.CreateDirectory("Procfile"));

        Assert.False(result);
        Assert.Equal("HK4001", Assert.Single(engine.Errors).Code);
    }

    [Fact]
    public void NoWarn_switches_the_rule_off()
    {
        var (result, engine) = Run(_tree.Write("Procfile", "my.worker: x\n"), task => task.NoWarn = "CS1591;HK4001");

        Assert.True(result);
        Assert.Empty(engine.Findings);
    }

    [Fact]
    public void Every_Procfile_case_is_checked_without_an_exception()
    {
        var files = Cases.Files("procfile").ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var (_, engine) = Run(file);
            Assert.All(engine.Errors, e => Assert.Equal("HK4001", e.Code));
            Assert.DoesNotContain(engine.Warnings, w => w.Code == null);
        }
    }

    [ExtraCorpusFact]
    public void Extra_corpus_check_every_corpus_Procfile_is_checked_without_an_exception()
    {
        foreach (var file in Corpus.Files("procfile"))
        {
            var (_, engine) = Run(file);
            Assert.All(engine.Errors, e => Assert.Equal("HK4001", e.Code));
            Assert.DoesNotContain(engine.Warnings, w => w.Code == null);
        }
    }

    private static (bool Result, FakeBuildEngine Engine) Run(string procfile, Action<CheckHerokuFiles>? configure = null)
    {
        var engine = new FakeBuildEngine();
        var item = new TaskItem(procfile);
        item.SetMetadata("HerokuFileKind", "Procfile");
        var task = new CheckHerokuFiles { BuildEngine = engine, HerokuFiles = new ITaskItem[] { item } };
        configure?.Invoke(task);
        return (task.Execute(), engine);
    }

    public void Dispose() => _tree.Dispose();
}
