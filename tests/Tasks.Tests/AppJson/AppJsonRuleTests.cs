using HerokuAnalyzers.Tasks.AppJson;
using HerokuAnalyzers.Tasks.Files;
using HerokuAnalyzers.Tasks.Procfile;
using HerokuAnalyzers.Tasks.Tests.Infrastructure;

namespace HerokuAnalyzers.Tasks.Tests.AppJson;

public sealed class AppJsonRuleTests : IDisposable
{
    private readonly TempTree _tree = new();

    [Fact]
    public void A_syntax_error_is_HK5001_at_its_position()
    {
        var finding = Assert.Single(Check("{\n  \"name\": \"app\",\n}", null));
        Assert.Equal(("HK5001", 3, 1), (finding.Rule.Id, finding.Line, finding.Column));
        Assert.Contains("app setup", finding.Message);
    }

    [Fact]
    public void A_valid_manifest_is_clean()
    {
        Assert.Empty(Check("""
            {
              "name": "Notes app",
              "description": "d",
              "keywords": ["dotnet"],
              "website": "https://example.org/",
              "repository": "https://github.com/o/r",
              "success_url": "/welcome",
              "scripts": { "postdeploy": "echo hi" },
              "env": { "MODE": "demo", "KEY": { "description": "k", "generator": "secret" }, "X": { "required": true } },
              "formation": { "web": { "quantity": 1, "size": "standard-1X" } },
              "addons": ["heroku-postgresql:essential-0", { "plan": "heroku-redis", "as": "CACHE" }],
              "buildpacks": [{ "url": "heroku/nodejs" }, { "url": "heroku/dotnet" }],
              "stack": "heroku-24",
              "environments": { "test": { "scripts": { "test": "dotnet test" } }, "review": { "env": { "MODE": "review" } } }
            }
            """, "web: cd App/bin/publish; ./App --urls http://*:$PORT\n"));
    }

    [Theory]
    [InlineData("{\"nmae\": \"x\"}", "HK5002", "Did you mean 'name'")]
    [InlineData("{\"environments\": {\"production\": {}}}", "HK5002", "'production'")]
    [InlineData("{\"scripts\": {\"predeploy\": \"x\"}}", "HK5002", "never runs")]
    [InlineData("{\"env\": {\"A\": {\"default\": \"x\"}}}", "HK5002", "'default'")]
    [InlineData("{\"buildpacks\": [{\"url\": \"heroku/nodejs\", \"url\": \"heroku/dotnet\"}]}", "HK5002", "appears again")]
    [InlineData("{\"keywords\": \"a, b\"}", "HK5003", "an array")]
    [InlineData("{\"env\": {\"A\": 1}}", "HK5003", "'A'")]
    [InlineData("{\"env\": {\"A\": {\"generator\": \"uuid\"}}}", "HK5003", "\"secret\"")]
    [InlineData("{\"env\": {\"A\": {\"required\": \"yes\"}}}", "HK5003", "true or false")]
    [InlineData("{\"addons\": [\"Heroku Postgres\"]}", "HK5003", "service:plan")]
    [InlineData("{\"addons\": [{\"as\": \"DB\"}]}", "HK5003", "no \"plan\"")]
    [InlineData("{\"buildpacks\": [{}]}", "HK5003", "no \"url\"")]
    [InlineData("{\"website\": \"example.org\"}", "HK5003", "full URL")]
    [InlineData("{\"name\": \"no\"}", "HK5004", "3 to 30")]
    [InlineData("{\"name\": \"Realtime Sticky Notes with SignalR\"}", "HK5004", "3 to 30")]
    [InlineData("{\"formation\": {\"web\": {\"quantity\": -1}}}", "HK5006", "whole number")]
    [InlineData("{\"formation\": {\"web\": {\"quantity\": 1.5}}}", "HK5006", "whole number")]
    [InlineData("{\"formation\": {\"web\": {\"size\": \"huge\"}}}", "HK5006", "not a Heroku dyno size")]
    [InlineData("{\"formation\": {\"web\": {\"size\": \"hobby\"}}}", "HK5007", "retired")]
    [InlineData("{\"buildpacks\": [{\"url\": \"heroku/dotnet\"}, {\"url\": \"heroku/dotnet\"}]}", "HK5008", "already listed")]
    [InlineData("{\"buildpacks\": [{\"url\": \"https://github.com/jincod/dotnetcore-buildpack\"}]}", "HK5009", "heroku/dotnet")]
    [InlineData("{\"stack\": \"heroku-18\"}", "HK5010", "end of life")]
    [InlineData("{\"stack\": \"cedar-15\"}", "HK5010", "not a Heroku stack")]
    public void Each_mistake_is_its_rule(string json, string id, string text)
    {
        var finding = Assert.Single(Check(json, "web: ./app\n"));
        Assert.Equal(id, finding.Rule.Id);
        Assert.Contains(text, finding.Message);
    }

    [Fact]
    public void Formation_types_must_be_Procfile_types()
    {
        var finding = Assert.Single(Check("{\n\"formation\": {\"web\": {}, \"worker\": {\"quantity\": 1}}}", "web: ./app\nclock: ./clock\n"));
        Assert.Equal(("HK5005", 2, 26), (finding.Rule.Id, finding.Line, finding.Column));
        Assert.Contains("clock, web", finding.Message);
    }

    [Fact]
    public void Without_a_Procfile_only_names_the_buildpack_cannot_produce_are_reported()
    {
        var findings = Check("{\"formation\": {\"web\": {}, \"email-worker\": {}, \"Email_Worker\": {}}}", procfile: null);
        Assert.Equal("Email_Worker", Assert.Single(findings).Message.Split('\'')[1]);
    }

    [Theory]
    [InlineData("[{\"url\": \"heroku/dotnet\"}, {\"url\": \"heroku/nodejs\"}]", "not the last")]
    [InlineData("[{\"url\": \"heroku/nodejs\"}]", "no buildpack builds it")]
    public void Dotnet_must_be_the_last_buildpack_when_the_web_process_is_dotnet(string buildpacks, string text)
    {
        var finding = Assert.Single(Check("{\"buildpacks\": " + buildpacks + "}", "web: cd Api/bin/publish; ./Api\n"));
        Assert.Equal("HK5008", finding.Rule.Id);
        Assert.Contains(text, finding.Message);
    }

    [Fact]
    public void A_node_web_process_may_come_last()
    {
        Assert.Empty(Check("{\"buildpacks\": [{\"url\": \"heroku/dotnet\"}, {\"url\": \"heroku/nodejs\"}]}", "web: node server.js\n"));
    }

    [Theory]
    [InlineData("STRIPE_KEY", "sk_live_51HxQ2eKr8sdf9Ahs8dfAs7", "Stripe")]
    [InlineData("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLQ", "AWS")]
    [InlineData("GH", "ghp_0123456789abcdefABCDEF0123456789abcd", "GitHub")]
    [InlineData("SLACK", "xoxb-1234-5678-abcdefghijkl", "Slack")]
    [InlineData("SESSION_SECRET", "f3a9c1e07b2d48e6a5c4", "credential")]
    [InlineData("SOMETHING", "Zx8Qp2Lr7Tn4Vb9Km3Hs6Jd1Wc5", "random")]
    public void Committed_secrets_are_HK5011_without_echoing_them(string name, string value, string kind)
    {
        var finding = Assert.Single(Check("{\"env\": {\"" + name + "\": {\"value\": \"" + value + "\"}}}", "web: x\n"));
        Assert.Equal("HK5011", finding.Rule.Id);
        Assert.Contains(kind, finding.Message);
        Assert.DoesNotContain(value, finding.Message);
        Assert.DoesNotContain(value.Substring(0, 12), finding.Message);
    }

    [Theory]
    [InlineData("SECRET_KEY_BASE", "your-secret-key-here-please-change")]
    [InlineData("DEVISE_SECRET_KEY", "foo")]
    [InlineData("DATABASE_URL", "postgres://user:pass@localhost:5432/db")]
    [InlineData("WEB_CONCURRENCY", "1")]
    [InlineData("GRAPH_URL", "https://api.thegraph.com/subgraphs/name/1hive/aragon-mainnet")]
    [InlineData("NODE_ENV", "production")]
    [InlineData("ASPNETCORE_ENVIRONMENT", "Development")]
    public void Ordinary_values_and_placeholders_are_not_secrets(string name, string value)
    {
        Assert.Empty(Check("{\"env\": {\"" + name + "\": \"" + value + "\"}}", "web: x\n"));
    }

    [Fact]
    public void A_generated_secret_with_a_sample_value_is_not_reported()
    {
        Assert.Empty(Check("{\"env\": {\"TOKEN\": {\"generator\": \"secret\", \"value\": \"sk_live_51HxQ2eKr8sdf9Ahs8dfAs7\"}}}", "web: x\n"));
    }

    private List<Reporting.Finding> Check(string json, string? procfile)
    {
        var path = _tree.Write("app.json", json);
        var procfileModel = procfile == null ? null : ProcfileModel.Load(_tree.Write("Procfile", procfile));
        var project = new ProjectFacts(_tree.Path("Api"), "Api", _tree.Root, isWebProject: true, inspectFileSystem: true);
        return AppJsonChecks.Check(AppJsonModel.Load(path), AppProcesses.From(procfileModel, null, project));
    }

    public void Dispose() => _tree.Dispose();
}
