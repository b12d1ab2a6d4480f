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

    [Theory]
    [InlineData("[\"heroku-postgresql:hobby-dev\"]", 1, 13, "heroku-postgresql:essential-0")]
    [InlineData("[\"heroku-postgresql:mini\"]", 1, 13, "heroku-postgresql:essential-0")]
    [InlineData("[\"heroku-postgresql:hobby-basic\"]", 1, 13, "heroku-postgresql:essential-1")]
    [InlineData("[\"heroku-postgresql:basic\"]", 1, 13, "heroku-postgresql:essential-1")]
    [InlineData("[\"heroku-redis:hobby-dev\"]", 1, 13, "heroku-redis:mini")]
    [InlineData("[\"heroku-redis:Hobby-Dev\"]", 1, 13, "heroku-redis:mini")]
    [InlineData("[\n  { \"plan\": \"heroku-postgresql:hobby-dev\", \"as\": \"DATABASE\" }]", 2, 13, "heroku-postgresql:essential-0")]
    public void A_retired_add_on_plan_is_HK5012_at_the_plan_with_its_replacement(string addons, int line, int column, string replacement)
    {
        var finding = Assert.Single(Check("{\"addons\": " + addons + "}", "web: x\n"), f => f.Rule.Id == "HK5012");
        Assert.Equal((line, column), (finding.Line, finding.Column));
        Assert.Contains("app setup fails", finding.Message);
        Assert.Contains("\"" + replacement + "\"", finding.Message);
    }

    [Theory]
    [InlineData("heroku-postgresql")]
    [InlineData("heroku-postgresql:essential-0")]
    [InlineData("heroku-postgresql:standard-0")]
    [InlineData("heroku-redis:mini")]
    [InlineData("heroku-redis:premium-0")]
    [InlineData("papertrail:choklad")]
    public void Current_add_on_plans_are_not_HK5012(string plan)
    {
        Assert.Empty(Check("{\"addons\": [\"" + plan + "\", { \"plan\": \"" + plan + "\" }]}", "web: x\n"));
    }

    [Fact]
    public void A_retired_plan_in_an_environment_is_HK5012()
    {
        var finding = Assert.Single(Check("{\"environments\": {\"review\": {\"addons\": [\"heroku-postgresql:mini\"]}}}", "web: x\n"));
        Assert.Equal("HK5012", finding.Rule.Id);
    }

    [Fact]
    public void The_retired_plan_list_is_replaced_by_the_option()
    {
        var plans = Heroku.AddonPlans.Parse("acme-db:tiny=acme-db:small; other:old");
        var json = "{\"addons\": [\"heroku-postgresql:hobby-dev\", \"acme-db:tiny\", \"other:old\"]}";
        var findings = Check(json, "web: x\n", plans);
        Assert.Equal(new[] { ("HK5012", 1, 44), ("HK5012", 1, 60) }, findings.Select(f => (f.Rule.Id, f.Line, f.Column)));
        Assert.Contains("\"acme-db:small\"", findings[0].Message);
        Assert.Contains("heroku addons:plans other", findings[1].Message);
    }

    [Theory]
    [InlineData(null, 5)]
    [InlineData("", 5)]
    [InlineData("  ", 5)]
    [InlineData("no-colon;:plan;service:", 0)]
    [InlineData("heroku-postgresql:mini", 1)]
    public void The_option_falls_back_to_the_documented_list_only_when_empty(string? property, int count)
    {
        var plans = Heroku.AddonPlans.Parse(property);
        Assert.Equal(count, plans.Count);
        if (property == "heroku-postgresql:mini")
        {
            Assert.Equal(("2024-05", "heroku-postgresql:essential-0"), (plans[0].Retired, plans[0].Replacement));
        }
    }

    [Theory]
    [InlineData(null, "heroku-postgresql:hobby-dev")]
    [InlineData("acme-db:tiny", "acme-db:tiny")]
    public void The_task_reads_the_retired_plans_from_HerokuRetiredAddonPlans(string? property, string reported)
    {
        var path = _tree.Write("app.json", "{\"addons\": [\"heroku-postgresql:hobby-dev\",\n  \"acme-db:tiny\"]}");
        var engine = new FakeBuildEngine();
        var item = new Microsoft.Build.Utilities.TaskItem(path);
        item.SetMetadata("HerokuFileKind", "AppJson");
        var task = new CheckHerokuFiles { BuildEngine = engine, HerokuFiles = new Microsoft.Build.Framework.ITaskItem[] { item }, RetiredAddonPlans = property };
        Assert.True(task.Execute());

        var warning = Assert.Single(engine.Warnings);
        Assert.Equal("HK5012", warning.Code);
        Assert.Equal(reported == "acme-db:tiny" ? (2, 3) : (1, 13), (warning.LineNumber, warning.ColumnNumber));
        Assert.Contains("'" + reported + "'", warning.Message);
    }

    [Fact]
    public void BUILDPACK_URL_next_to_buildpacks_is_HK5013_at_the_config_var()
    {
        var finding = Assert.Single(Check("""
            {
              "env": {
                "BUILDPACK_URL": "https://github.com/heroku/heroku-buildpack-nodejs"
              },
              "buildpacks": [{ "url": "heroku/dotnet" }]
            }
            """, "web: x\n"));
        Assert.Equal(("HK5013", 3, 5), (finding.Rule.Id, finding.Line, finding.Column));
        Assert.Contains("line 5", finding.Message);
        Assert.Contains("takes precedence", finding.Message);
    }

    [Fact]
    public void BUILDPACK_URL_alone_is_HK5013_suggesting_the_buildpacks_list()
    {
        var finding = Assert.Single(Check("{\"env\": {\"BUILDPACK_URL\": {\"value\": \"heroku/dotnet\"}}}", "web: x\n"));
        Assert.Equal(("HK5013", 1, 10), (finding.Rule.Id, finding.Line, finding.Column));
        Assert.Contains("\"buildpacks\": [{ \"url\": \"heroku/dotnet\" }]", finding.Message);
    }

    [Fact]
    public void BUILDPACK_URL_in_an_environment_sees_the_top_level_buildpacks()
    {
        var finding = Assert.Single(Check("""
            {
              "buildpacks": [{ "url": "heroku/dotnet" }],
              "environments": { "review": { "env": { "BUILDPACK_URL": "heroku/nodejs" } } }
            }
            """, "web: x\n"));
        Assert.Equal(("HK5013", 3, 42), (finding.Rule.Id, finding.Line, finding.Column));
        Assert.Contains("line 2", finding.Message);
    }

    [Theory]
    [InlineData("{\"env\": {\"BUILDPACK\": \"heroku/dotnet\", \"buildpack_url\": \"x\"}, \"buildpacks\": [{\"url\": \"heroku/dotnet\"}]}")]
    [InlineData("{\"buildpacks\": [{\"url\": \"heroku/dotnet\"}]}")]
    public void Other_config_vars_are_not_HK5013(string json)
    {
        Assert.Empty(Check(json, "web: x\n"));
    }

    [Fact]
    public void The_image_key_is_HK5014_at_the_key()
    {
        var finding = Assert.Single(Check("{\n  \"name\": \"app\",\n  \"image\": \"heroku/dotnet\"\n}", "web: x\n"));
        Assert.Equal(("HK5014", 3, 3), (finding.Rule.Id, finding.Line, finding.Column));
        Assert.Contains("heroku.yml", finding.Message);
    }

    [Fact]
    public void An_image_that_is_not_a_string_is_HK5003_only()
    {
        var finding = Assert.Single(Check("{\"image\": 1}", "web: x\n"));
        Assert.Equal("HK5003", finding.Rule.Id);
    }

    private List<Reporting.Finding> Check(string json, string? procfile, IReadOnlyList<Heroku.RetiredAddonPlan>? retiredPlans = null)
    {
        var path = _tree.Write("app.json", json);
        var procfileModel = procfile == null ? null : ProcfileModel.Load(_tree.Write("Procfile", procfile));
        var project = new ProjectFacts(_tree.Path("Api"), "Api", _tree.Root, isWebProject: true, inspectFileSystem: true);
        return AppJsonChecks.Check(AppJsonModel.Load(path), AppProcesses.From(procfileModel, null, project), retiredPlans);
    }

    public void Dispose() => _tree.Dispose();
}
