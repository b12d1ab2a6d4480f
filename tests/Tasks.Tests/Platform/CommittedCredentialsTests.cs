using System.Text;
using HerokuAnalyzers.Tasks.Platform;
using HerokuAnalyzers.Tasks.Tests.Infrastructure;

namespace HerokuAnalyzers.Tasks.Tests.Platform;

/// <summary>
/// HK8007: Heroku credentials in tracked files. The credentials below are assembled at run time so
/// that this source file itself never looks like a committed credential to the check.
/// </summary>
public sealed class CommittedCredentialsTests : IDisposable
{
    private const string Password = "p4e9c1a0b7d24f6e8a3b5c9d1e2f4a6b8c0d2e4f6a8b0c2d4e6f8a0b2c4d6e8f";

    private static readonly string PostgresUrl = "postgres" + "://uabc123def456:" + Password + "@ec2-54-1-2-3.compute-1.amazonaws.com:5432/d1a2b3c4";

    private static readonly string RedisUrl = "rediss" + "://:" + Password + "@ec2-3-4-5-6.compute-1.amazonaws.com:12345";

    private readonly TempTree _tree = new();

    [Fact]
    public void A_Heroku_Postgres_URL_in_a_tracked_appsettings_file_is_reported_without_its_value()
    {
        var path = _tree.Write("repo/App/appsettings.json", "{\n  \"ConnectionStrings\": {\n    \"Default\": \"" + PostgresUrl + "\"\n  }\n}\n");
        Track("App/appsettings.json");

        var finding = Assert.Single(CommittedCredentialsCheck.Check(_tree.Path("repo")));

        Assert.Equal("HK8007", finding.Rule.Id);
        Assert.Equal(path, finding.File);
        Assert.Equal((3, 17), (finding.Line, finding.Column));
        Assert.Contains("a Heroku Postgres URL with its password", finding.Message);
        Assert.Contains("DATABASE_URL", finding.Message);
        Assert.DoesNotContain(Password, finding.Message);
        Assert.DoesNotContain("uabc123def456", finding.Message);
    }

    [Fact]
    public void Files_git_does_not_track_are_left_alone()
    {
        _tree.Write("repo/App/appsettings.Development.json", "{ \"Db\": \"" + PostgresUrl + "\" }\n");
        _tree.Write("repo/App/Program.cs", "var app = 1;\n");
        Track("App/Program.cs");

        Assert.Empty(CommittedCredentialsCheck.Check(_tree.Path("repo")));
    }

    [Fact]
    public void Without_a_git_index_the_working_tree_is_read_and_comments_count()
    {
        _tree.CreateDirectory("repo/.git");
        _tree.Write("repo/App/Db.cs", "// prod: " + RedisUrl + "\nclass Db { }\n");

        var finding = Assert.Single(CommittedCredentialsCheck.Check(_tree.Path("repo")));

        Assert.Equal((1, 10), (finding.Line, finding.Column));
        Assert.Contains("Key-Value Store", finding.Message);
        Assert.DoesNotContain(Password, finding.Message);
    }

    [Fact]
    public void Heroku_API_keys_in_workflows_are_reported_and_secrets_references_are_not()
    {
        var key = "1b2c3d4e-5f60-4a7b-8c9d-" + "0e1f2a3b4c5d";
        var token = "HRKU-" + "AAbCdEfGh1jKlMnOpQr2sTuVwXyZ0123456789abcdef";
        _tree.Write("repo/.github/workflows/deploy.yml", "env:\n  HEROKU_API_KEY: " + key + "\n");
        _tree.Write("repo/.github/workflows/ok.yml", "env:\n  HEROKU_API_KEY: ${{ secrets.HEROKU_API_KEY }}\n");
        _tree.Write("repo/Tools/Deploy.cs", "const string Token = \"" + token + "\";\n");
        Track(".github/workflows/deploy.yml", ".github/workflows/ok.yml", "Tools/Deploy.cs");

        var findings = CommittedCredentialsCheck.Check(_tree.Path("repo")).OrderBy(f => f.File, StringComparer.Ordinal).ToList();

        Assert.Equal(2, findings.Count);
        Assert.EndsWith("deploy.yml", findings[0].File);
        Assert.Equal((2, 19), (findings[0].Line, findings[0].Column));
        Assert.EndsWith("Deploy.cs", findings[1].File);
        Assert.All(findings, f => Assert.Contains("a Heroku API key", f.Message));
        Assert.All(findings, f => Assert.DoesNotContain(key, f.Message));
        Assert.All(findings, f => Assert.DoesNotContain(token, f.Message));
    }

    [Theory]
    [InlineData("postgres://user:password@host.example.com:5432/db")]
    [InlineData("postgres://postgres:postgres@localhost:5432/app")]
    [InlineData("postgres://foo:bar@db:5432/moviedb")]
    [InlineData("postgres://app:{password}@db.internal.acme.io/app")]
    [InlineData("Host=ec2-1-2-3-4.compute-1.amazonaws.com;Password=${DB_PASSWORD}")]
    public void Placeholders_local_hosts_and_templates_are_not_credentials(string value)
    {
        _tree.Write("repo/appsettings.json", "{ \"Db\": \"" + value + "\" }\n");
        Track("appsettings.json");

        Assert.Empty(CommittedCredentialsCheck.Check(_tree.Path("repo")));
    }

    [Fact]
    public void A_Key_Value_string_to_a_Heroku_Postgres_host_with_a_password_is_reported()
    {
        _tree.Write("repo/appsettings.Production.json", "{ \"Db\": \"Host=ec2-1-2-3-4.compute-1.amazonaws.com;Username=u;Password=" + Password + ";SSL Mode=Require\" }\n");
        Track("appsettings.Production.json");

        var finding = Assert.Single(CommittedCredentialsCheck.Check(_tree.Path("repo")));
        Assert.Contains("a Heroku Postgres host with its password", finding.Message);
    }

    [Fact]
    public void Committed_build_output_is_read_but_other_file_kinds_are_not()
    {
        _tree.Write("repo/App/bin/Release/net8.0/appsettings.json", "{ \"Db\": \"" + PostgresUrl + "\" }\n");
        _tree.Write("repo/docs/setup.md", PostgresUrl + "\n");
        Track("App/bin/Release/net8.0/appsettings.json", "docs/setup.md");

        var finding = Assert.Single(CommittedCredentialsCheck.Check(_tree.Path("repo")));
        Assert.EndsWith("appsettings.json", finding.File);
    }

    [Fact]
    public void A_truncated_or_random_git_index_never_throws()
    {
        var random = new Random(8007);
        for (var i = 0; i < 2000; i++)
        {
            var data = new byte[random.Next(0, 400)];
            random.NextBytes(data);
            if (data.Length >= 12 && i % 2 == 0)
            {
                "DIRC"u8.ToArray().CopyTo(data, 0);
                data[7] = (byte)(2 + i % 3);
            }

            _ = GitIndex.Parse(data);
        }
    }

    [Fact]
    public void A_version_4_index_with_prefix_compressed_paths_is_read()
    {
        // Entry 1 "App/a.json" (strip 0), entry 2 "App/b.cs" (strip 6 bytes of "a.json", add "b.cs").
        var index = new List<byte>();
        index.AddRange("DIRC"u8.ToArray());
        index.AddRange(BigEndian(4));
        index.AddRange(BigEndian(2));
        foreach (var (strip, suffix) in new[] { (0, "App/a.json"), (6, "b.cs") })
        {
            index.AddRange(new byte[62]);
            index.Add((byte)strip);
            index.AddRange(Encoding.UTF8.GetBytes(suffix));
            index.Add(0);
        }

        Assert.Equal(new[] { "App/a.json", "App/b.cs" }, GitIndex.Parse(index.ToArray())!.Order(StringComparer.Ordinal));
    }

    public void Dispose() => _tree.Dispose();

    /// <summary>Writes a version-2 git index listing the paths, as `git add` would (stat data and ids zeroed).</summary>
    private void Track(params string[] paths)
    {
        var index = new List<byte>();
        index.AddRange("DIRC"u8.ToArray());
        index.AddRange(BigEndian(2));
        index.AddRange(BigEndian(paths.Length));
        foreach (var path in paths.Order(StringComparer.Ordinal))
        {
            var name = Encoding.UTF8.GetBytes(path);
            var entry = new byte[62];
            entry[60] = (byte)(name.Length >> 8);
            entry[61] = (byte)name.Length;
            index.AddRange(entry);
            index.AddRange(name);
            var length = 62 + name.Length;
            index.AddRange(new byte[((length + 8) & ~7) - length]);
        }

        _tree.WriteBytes("repo/.git/index", index.ToArray());
    }

    private static byte[] BigEndian(int value) => new[] { (byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value };
}
