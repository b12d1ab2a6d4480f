using HerokuAnalyzers.Tasks.SlugIgnore;
using HerokuAnalyzers.Tasks.Tests.Infrastructure;

namespace HerokuAnalyzers.Tasks.Tests.SlugIgnore;

/// <summary>Which files a .slugignore removes from the slug estimate (the same model the HK7010–HK7012 checks use).</summary>
public sealed class SlugIgnoreMatchTests : IDisposable
{
    private readonly TempTree _tree = new();

    [Theory]
    [InlineData("*.psd", "design/logo.psd", true)]
    [InlineData("*.psd", "logo.psd", true)]
    [InlineData("*.psd", "logo.psd.txt", false)]
    [InlineData("/test", "test/App.Tests/UnitTest1.cs", true)]
    [InlineData("/test", "src/test/Helper.cs", false)]
    [InlineData("test", "src/test/Helper.cs", true)]
    [InlineData("docs/", "docs/index.md", true)]
    [InlineData("docs/", "docs", false)]
    [InlineData("./node_modules/", "node_modules/left-pad/index.js", true)]
    [InlineData("./node_modules/", "web/node_modules/left-pad/index.js", false)]
    [InlineData("**/dev/", "a/b/dev/x.txt", true)]
    [InlineData("**/dev/", "dev/x.txt", true)]
    [InlineData("src/*.md", "src/README.md", true)]
    [InlineData("src/*.md", "src/docs/README.md", false)]
    [InlineData("src/**/*.md", "src/docs/deep/README.md", true)]
    [InlineData("file?.txt", "file1.txt", true)]
    [InlineData("file[0-9].txt", "file7.txt", true)]
    [InlineData("file[!0-9].txt", "file7.txt", false)]
    [InlineData("\\#notes.txt", "#notes.txt", true)]
    [InlineData("\\*.txt", "a.txt", false)]
    [InlineData("file[^0-9].txt", "fileA.txt", true)]
    [InlineData("file[]].txt", "file].txt", true)]
    [InlineData("file[\\]].txt", "file].txt", true)]
    [InlineData("file[a-].txt", "file-.txt", true)]
    [InlineData("[[:digit:]]*.log", "7days.log", true)]
    [InlineData("[[:digit:]]*.log", "days.log", false)]
    [InlineData("a?c", "a/c", false)]
    [InlineData("a[/]c", "a/c", false)]
    [InlineData("src/*", "src/deep/x.cs", true)]
    [InlineData("/src/**", "src/a/b/c.cs", true)]
    [InlineData("a**b.txt", "a/xb.txt", false)]
    [InlineData("a**b.txt", "axyb.txt", true)]
    [InlineData("docs/**/api", "docs/api/x.md", true)]
    [InlineData("docs/**/api", "docs/v1/v2/api/x.md", true)]
    [InlineData("[z-ab].md", "b.md", true)]
    [InlineData("[z-a].log", "m.log", false)]
    [InlineData("logs/[0-9.log", "logs/[0-9.log", false)]
    [InlineData("tmp\\", "tmp\\", false)]
    public void Patterns_match_like_gitignore(string pattern, string path, bool ignored)
    {
        Assert.Equal(ignored, Parse(pattern + "\n").IsIgnored(path));
    }

    [Fact]
    public void Comments_blank_lines_CRLF_and_trailing_blanks_are_not_patterns()
    {
        var ignore = Parse("# Heres a comment\r\n\r\n   \r\n*.pdf  \r\n  # indented comment\r\n");

        Assert.Equal(new[] { "*.pdf" }, ignore.Patterns.Select(p => p.Text));
        Assert.True(ignore.IsIgnored("manual.pdf"));
        Assert.False(ignore.IsIgnored("# Heres a comment"));
    }

    [Fact]
    public void An_exclamation_mark_is_a_literal_name_not_a_negation()
    {
        var ignore = Parse("*.log\n!keep.log\n");

        Assert.True(ignore.IsIgnored("keep.log"));
        Assert.True(ignore.IsIgnored("!keep.log"));
        Assert.False(ignore.IsIgnored("keep.txt"));
    }

    [Fact]
    public void Without_a_slugignore_nothing_is_removed()
    {
        Assert.False(SlugIgnoreModel.Empty.IsIgnored("Program.cs"));
    }

    [Fact]
    public void Every_slugignore_case_of_the_repository_parses()
    {
        foreach (var file in Cases.Files("slugignore"))
        {
            var ignore = SlugIgnoreModel.Load(file);
            Assert.NotEmpty(ignore.Patterns);
            Assert.False(ignore.IsIgnored("Program.cs"), file);
        }
    }

    [ExtraCorpusFact]
    public void Extra_corpus_check_every_corpus_slugignore_parses()
    {
        foreach (var file in Corpus.Files("slugignore"))
        {
            var ignore = SlugIgnoreModel.Load(file);
            Assert.NotEmpty(ignore.Patterns);
            Assert.False(ignore.IsIgnored("Program.cs"), file);
        }
    }

    private SlugIgnoreModel Parse(string text) => SlugIgnoreModel.Load(_tree.Write(".slugignore", text));

    public void Dispose() => _tree.Dispose();
}
