using HerokuAnalyzers.Procfile;

namespace HerokuAnalyzers.Tasks.Tests.Procfile;

/// <summary>
/// Conformance cases of the two Procfile parsers Heroku runs, written here so that no file outside the
/// repository is needed. Rows 1–22 restate the upstream tests of the Cloud Native Buildpack's parser
/// (github.com/heroku/buildpacks-procfile, the unit tests in src/procfile.rs and the fixtures under
/// tests/fixtures); rows 24–43 are derived edge cases (blanks, tabs, CR, BOM, duplicates, corrected
/// keys). The Cedar column is the classic regex parser (the pre-4.0 buildpacks-procfile parser, which
/// mirrors Cedar's) where its result is known. Expected results are written as
/// "name=command|name=command" (duplicates collapsed, last wins) or "ERR". Row 23 of the list (no
/// Procfile at all: the buildpack does not detect) is not a parser case.
/// </summary>
public class ProcfileConformanceTests
{
    private static readonly string Key63 = new('a', 63);
    private static readonly string Key64 = new('a', 64);

    public static TheoryData<string, string, string, string?> Rows => new()
    {
        // row, input, expected CNB, expected Cedar (null: no Cedar result is asserted for the row)
        { "1", "web: rails s", "web=rails s", "web=rails s" },
        { "2", "web: rails s\nworker: rake sidekiq", "web=rails s|worker=rake sidekiq", "web=rails s|worker=rake sidekiq" },
        { "3", "", "", "" },
        { "4", "&&&&&", "ERR", "" },
        { "5", "web:", "ERR", "" },
        { "6", ": rails -s", "ERR", "" },
        { "7", "\n# Comment\n\n   web: echo foo: bar\n", "web=echo foo: bar", null },
        { "8", "# a comment\n# another\n\n   web: echo foo: bar   \n", "web=echo foo: bar   ", null },
        { "9", "is_w.e.b: echo hello", "ERR", null },
        { "10", "\n# 63 chars\n" + Key63 + ": fonz\n", Key63 + "=fonz", null },
        { "11", "\n# 64 chars\n" + Key64 + ": fonz\n", "ERR", null },
        { "12", "IamAvalidKeyButNotStrictly: echo 'done'", "iamavalidkeybutnotstrictly=echo 'done'", "IamAvalidKeyButNotStrictly=echo 'done'" },
        { "13", "-key: echo 'done'", "ERR", "-key=echo 'done'" },
        { "14", "key-: echo 'done'", "ERR", "key-=echo 'done'" },
        { "15", "a: echo 'done'", "a=echo 'done'", null },
        { "16", "aa: echo 'done'", "aa=echo 'done'", null },
        { "17", "iamastrictly-validkey: echo 'done'", "iamastrictly-validkey=echo 'done'", null },
        { "18a", "# I ama comment\n # Comment with spaces\nweb: x", "web=x", null },
        { "18b", "I am not a comment # <--", "ERR", null },
        { "19", "web: echo 'this is the web process!'\nworker: echo 'this is the worker process!'", "web=echo 'this is the web process!'|worker=echo 'this is the worker process!'", null },
        { "20", "worker: echo 'this is the worker process!'", "worker=echo 'this is the worker process!'", null },
        { "21", "worker: echo 'w'\nconsole: echo 'c'", "worker=echo 'w'|console=echo 'c'", null },
        { "22", "# comment\nweb: echo 'this is the \"web\" process!' && echo \"\\\"PORT\\\" is set to: '${PORT}'\"", "web=echo 'this is the \"web\" process!' && echo \"\\\"PORT\\\" is set to: '${PORT}'\"", null },
        { "24", "web:rails s", "web=rails s", "" },
        { "25", "web : rails s", "ERR", "web=: rails s" },
        { "26a", "web\trails s", "ERR", "web=rails s" },
        { "26b", "web rails s", "ERR", "web=rails s" },
        { "27", "web:\trails s", "web=rails s", "web=rails s" },
        { "28", "web: \n", "ERR", "web=" },
        { "29", "web: a\r\nworker: b\r\n", "web=a|worker=b", "web=a|worker=b" },
        { "30", "web: a\rworker: b", "ERR", "web=a|worker=b" },
        { "31", "\uFEFFweb: a", "ERR", "" },
        { "32a", "# only a comment\n", "ERR", "" },
        { "32b", "\n", "ERR", "" },
        { "32c", "   ", "ERR", "" },
        { "33", "web: a\n   ", "ERR", "web=a" },
        { "34", "web: a\n\n\n# c\n", "web=a", "web=a" },
        { "35", "web: a\nweb: b", "web=b", "web=b" },
        { "36", "Web: a\nweb: b", "web=b", "Web=a|web=b" },
        { "37a", "my_worker: a", "my-worker=a", "my_worker=a" },
        { "37b", "WEB_2: a", "web-2=a", "WEB_2=a" },
        { "38a", "my.worker: a", "ERR", "" },
        { "38b", "wörker: a", "ERR", "" },
        { "38c", "worker-: a", "ERR", "worker-=a" },
        { "39", "web: a # trailing comment", "web=a # trailing comment", null },
        { "40", "#web: a\nworker: b", "worker=b", "worker=b" },
        { "41a", "1: a", "1=a", null },
        { "41b", "2nd-worker: a", "2nd-worker=a", null },
        { "42", "web:: a", "web=: a", "" },
        { "43", "web: a\n\tworker: b", "web=a|worker=b", "web=a|worker=b" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Both_parsers_give_the_documented_result(string row, string input, string expectedCnb, string? expectedCedar)
    {
        var document = ProcfileParser.Parse(input);

        var cnb = document.CnbAccepts ? Render(document.CnbEntries) : "ERR";
        Assert.True(expectedCnb == cnb, $"row {row}: CNB expected '{expectedCnb}', got '{cnb}'");
        if (expectedCedar != null)
        {
            Assert.True(expectedCedar == Render(document.CedarEntries), $"row {row}: Cedar expected '{expectedCedar}', got '{Render(document.CedarEntries)}'");
        }
    }

    [Theory]
    [InlineData("web: rails s", 0)]
    [InlineData("iamastrictly-validkey: echo 'done'", 0)]
    [InlineData("IamAvalidKeyButNotStrictly: echo 'done'", 1)]
    [InlineData("\n# Comment\n\n   web: echo foo: bar\n", 1)]
    [InlineData("web: a\n\tworker: b", 1)]
    public void Corrected_keys_are_warnings_not_errors(string input, int expectedCorrections)
    {
        var document = ProcfileParser.Parse(input);
        Assert.True(document.CnbAccepts);
        Assert.Equal(expectedCorrections, document.CnbProblems.Count(p => p.Kind == ProcfileProblemKind.CnbKeyCorrected));
    }

    [Fact]
    public void An_empty_file_is_accepted_with_the_empty_warning()
    {
        var document = ProcfileParser.Parse("");
        Assert.True(document.CnbAccepts);
        Assert.Equal(ProcfileProblemKind.CnbEmptyFile, Assert.Single(document.CnbProblems).Kind);
    }

    [Theory]
    [InlineData("is_w.e.b: echo hello", 1, 5)] // row 9: the upstream test puts the caret at the '.'
    [InlineData("web: a\nkey-: b", 2, 4)] // the trailing dash itself
    [InlineData("web: a\n-key: b", 2, 1)]
    [InlineData("web : rails s", 1, 4)]
    [InlineData("web: a\nworker b", 2, 1)]
    [InlineData("web:", 1, 5)]
    [InlineData("web: a\rworker: b", 1, 7)]
    [InlineData("web: a\n   ", 2, 1)]
    [InlineData("\n# c\n", 2, 1)]
    public void Errors_point_at_the_offending_line_and_column(string input, int line, int column)
    {
        var error = ProcfileParser.Parse(input).CnbProblems.First(p => p.Kind == ProcfileProblemKind.CnbSyntaxError);
        Assert.Equal((line, column), (error.Position.Line, error.Position.Column));
    }

    [Fact]
    public void Every_bad_line_is_reported_not_only_the_first()
    {
        var document = ProcfileParser.Parse("web: a\nmy.worker: b\nclock : c\nrelease: d");
        Assert.Equal(new[] { 2, 3 }, document.CnbProblems.Where(p => p.Kind == ProcfileProblemKind.CnbSyntaxError).Select(p => p.Position.Line));
        Assert.Equal(new[] { "web", "release" }, document.CnbEntries.Select(e => e.Name));
    }

    [Fact]
    public void Entries_carry_the_position_of_key_and_command()
    {
        var entry = Assert.Single(ProcfileParser.Parse("# c\n  Web:   ./app --urls http://*:$PORT\n").CnbEntries);
        Assert.Equal(("web", 2, 3), (entry.Name, entry.KeyPosition.Line, entry.KeyPosition.Column));
        Assert.Equal(("./app --urls http://*:$PORT", 2, 10), (entry.Command, entry.CommandPosition.Line, entry.CommandPosition.Column));
    }

    private static string Render(IReadOnlyList<ProcfileEntry> entries)
    {
        var map = new List<KeyValuePair<string, string>>();
        foreach (var entry in entries)
        {
            var index = map.FindIndex(p => p.Key == entry.Name);
            if (index >= 0)
            {
                map[index] = new(entry.Name, entry.Command);
            }
            else
            {
                map.Add(new(entry.Name, entry.Command));
            }
        }

        return string.Join("|", map.Select(p => p.Key + "=" + p.Value));
    }
}
