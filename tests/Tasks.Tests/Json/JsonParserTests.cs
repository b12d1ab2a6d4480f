using HerokuAnalyzers.Json;

namespace HerokuAnalyzers.Tasks.Tests.Json;

public class JsonParserTests
{
    [Fact]
    public void Values_and_member_names_carry_their_line_and_column()
    {
        var root = JsonParser.Parse("{\n  \"name\": \"app\",\n  \"formation\": { \"web\": { \"quantity\": 1 } }\n}", relaxed: false, out var error);

        Assert.Null(error);
        var name = root!.Members[0];
        Assert.Equal(("name", 2, 3), (name.Name, name.NamePosition.Line, name.NamePosition.Column));
        Assert.Equal((2, 11), (name.Value.Position.Line, name.Value.Position.Column));
        var quantity = root["formation"]!["web"]!["quantity"]!;
        Assert.Equal((JsonKind.Number, "1", 3, 39), (quantity.Kind, quantity.Text, quantity.Position.Line, quantity.Position.Column));
    }

    [Theory]
    [InlineData("{\"a\": 1,}", 1, 9, "property name")]
    [InlineData("{\"a\" 1}", 1, 6, "':'")]
    [InlineData("{\n  \"a\": [1, 2\n}", 3, 1, "']'")]
    [InlineData("{'a': 1}", 1, 2, "property name")]
    [InlineData("[tru]", 1, 2, "expected a JSON value")]
    [InlineData("{\"a\": \"x\ny\"}", 1, 9, "line break")]
    [InlineData("{} {}", 1, 4, "after the end")]
    [InlineData("", 1, 1, "end of file")]
    [InlineData("{\"a\": 01}", 1, 8, "Expected ','")]
    public void Syntax_errors_point_at_the_offending_character(string json, int line, int column, string message)
    {
        Assert.Null(JsonParser.Parse(json, relaxed: false, out var error));
        Assert.Equal((line, column), (error!.Position.Line, error.Position.Column));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Relaxed_mode_reads_configuration_files_with_comments_and_trailing_commas()
    {
        var root = JsonParser.Parse("// settings\n{\n  /* kestrel */ \"Kestrel\": { \"Endpoints\": [1, 2,], },\n}", relaxed: true, out var error);

        Assert.Null(error);
        Assert.Equal(3, root!["Kestrel"]!["Endpoints"]!.Position.Line);
    }

    [Fact]
    public void Strict_mode_rejects_comments()
    {
        Assert.Null(JsonParser.Parse("{ // no\n}", relaxed: false, out var error));
        Assert.Equal((1, 3), (error!.Position.Line, error.Position.Column));
    }

    [Fact]
    public void Escapes_are_decoded()
    {
        var root = JsonParser.Parse("[\"a\\\"b\\u00e9\\n\"]", relaxed: false, out _);
        Assert.Equal("a\"bé\n", root!.Items[0].Text);
    }

    [Fact]
    public void Deep_nesting_is_an_error_not_a_stack_overflow()
    {
        var json = new string('[', 100_000) + new string(']', 100_000);
        Assert.Null(JsonParser.Parse(json, relaxed: false, out var error));
        Assert.Contains("Nesting deeper", error!.Message);
    }

    [Fact]
    public void Every_app_json_case_parses()
    {
        var files = Infrastructure.Cases.Files("appjson").Where(f => Path.GetFileName(f) == "app.json").ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            Assert.True(JsonParser.Parse(File.ReadAllText(file), relaxed: false, out var error) != null, file + ": " + error?.Message);
        }
    }

    [Infrastructure.ExtraCorpusFact]
    public void Extra_corpus_check_every_corpus_app_json_parses_or_fails_with_a_position()
    {
        foreach (var file in Infrastructure.Corpus.Files("appjson"))
        {
            var root = JsonParser.Parse(File.ReadAllText(file), relaxed: false, out var error);
            Assert.True(root != null || error!.Position.Line > 0, file);
        }
    }
}
