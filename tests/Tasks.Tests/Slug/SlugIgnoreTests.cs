using HerokuAnalyzers.Tasks.Slug;

namespace HerokuAnalyzers.Tasks.Tests.Slug;

public sealed class SlugIgnoreTests
{
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
    public void Patterns_match_like_gitignore(string pattern, string path, bool ignored)
    {
        Assert.Equal(ignored, HerokuAnalyzers.Tasks.Slug.SlugIgnore.Parse(pattern + "\n").IsIgnored(path));
    }

    [Fact]
    public void Comments_blank_lines_CRLF_and_trailing_blanks_are_not_patterns()
    {
        var ignore = HerokuAnalyzers.Tasks.Slug.SlugIgnore.Parse("# Heres a comment\r\n\r\n   \r\n*.pdf  \r\n  # indented comment\r\n");

        Assert.Equal(new[] { "*.pdf" }, ignore.Lines);
        Assert.True(ignore.IsIgnored("manual.pdf"));
        Assert.False(ignore.IsIgnored("# Heres a comment"));
    }

    [Fact]
    public void An_exclamation_mark_is_a_literal_name_not_a_negation()
    {
        var ignore = HerokuAnalyzers.Tasks.Slug.SlugIgnore.Parse("*.log\n!keep.log\n");

        Assert.True(ignore.IsIgnored("keep.log"));
        Assert.True(ignore.IsIgnored("!keep.log"));
    }

    [Fact]
    public void Every_corpus_slugignore_parses()
    {
        foreach (var file in Infrastructure.Corpus.Files("slugignore"))
        {
            var ignore = HerokuAnalyzers.Tasks.Slug.SlugIgnore.Parse(File.ReadAllText(file));
            Assert.NotEmpty(ignore.Lines);
            Assert.False(ignore.IsIgnored("Program.cs"), file);
        }
    }
}
