using HerokuAnalyzers.Tasks.Tests.Infrastructure;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace HerokuAnalyzers.Tasks.Tests.Slug;

public sealed class SlugSecretTests : IDisposable
{
    private const string SecretValue = "s3cr3t-VALUE-never-printed";

    private readonly TempTree _tree = new();
    private readonly FakeBuildEngine _engine = new();

    [Fact]
    public void Secrets_and_local_files_are_HK7003_at_the_file_and_their_values_are_never_printed()
    {
        _tree.Write("repo/.env", "DATABASE_URL=" + SecretValue + "\n");
        _tree.Write("repo/App/appsettings.Development.json", "{\n  \"Logging\": {},\n  \"ConnectionStrings\": {\n    \"Db\": \"" + SecretValue + "\"\n  }\n}\n");
        _tree.Write("repo/App/certs/server.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n-----BEGIN RSA PRIVATE KEY-----\n" + SecretValue + "\n-----END RSA PRIVATE KEY-----\n");
        _tree.WriteBytes("repo/App/certs/dev.pfx", SlugTrees.Incompressible(1, 2_000));
        _tree.Write("repo/App/secrets.json", "{ \"ApiKey\": \"" + SecretValue + "\" }");

        Run();

        Assert.Equal(
            new[]
            {
                ".env(1,1): warning HK7003",
                "appsettings.Development.json(3,3): warning HK7003",
                "dev.pfx(1,1): warning HK7003",
                "secrets.json(1,1): warning HK7003",
                "server.pem(4,1): warning HK7003",
            },
            _engine.Findings.OrderBy(f => f, StringComparer.Ordinal));
        Assert.Contains("'ConnectionStrings'", _engine.Warnings.Single(w => w.File.EndsWith(".json", StringComparison.Ordinal) && w.LineNumber == 3).Message);
        AssertNeverPrinted();
    }

    [Fact]
    public void Harmless_lookalikes_are_not_reported()
    {
        _tree.Write("repo/.env.example", "DATABASE_URL=\n");
        _tree.Write("repo/App/appsettings.Development.json", "{\n  \"Logging\": { \"LogLevel\": { \"Default\": \"Information\" } }\n}\n");
        _tree.Write("repo/App/certs/ca.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        _tree.Write("repo/App/public.key", "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n");
        _tree.Write("repo/scripts/bin/deploy.sh", "echo deploy\n");

        Run();

        Assert.Empty(_engine.Findings);
    }

    [Fact]
    public void A_published_copy_of_a_reported_file_is_not_reported_twice()
    {
        _tree.Write("repo/App/appsettings.Development.json", "{ \"Jwt\": { \"SigningSecret\": \"" + SecretValue + "\" } }");
        var copy = _tree.Write("repo/App/bin/Release/net8.0/publish/appsettings.Development.json", "{ \"Jwt\": { \"SigningSecret\": \"" + SecretValue + "\" } }");

        Run(task => task.PublishDir = "bin/Release/net8.0/publish");

        var warning = Assert.Single(_engine.Warnings);
        Assert.NotEqual(copy, warning.File);
        AssertNeverPrinted();
    }

    [Fact]
    public void Committed_build_output_and_nested_repositories_are_one_finding_per_folder()
    {
        var task = SlugTrees.Task(_tree, _engine);
        _tree.WriteBytes("repo/Lib/Lib.csproj", new byte[] { 60, 80, 47, 62 });
        _tree.WriteBytes("repo/Lib/obj/Debug/Lib.dll", SlugTrees.Incompressible(2, 500));
        _tree.WriteBytes("repo/Lib/obj/project.assets.json", SlugTrees.Text(2, 500));
        _tree.Write("repo/vendor/tool/.git/HEAD", "ref: refs/heads/main\n");
        Git("init", "-q");
        Git("add", "-f", ".");

        Assert.True(task.Execute());

        Assert.Equal(new[] { "Lib.dll(1,1): warning HK7003" }, _engine.Findings);
        Assert.Contains("'Lib/obj'", _engine.Warnings[0].Message);
    }

    [Fact]
    public void A_nested_git_folder_outside_a_repository_is_reported_once()
    {
        _tree.Write("repo/vendor/tool/.git/HEAD", "ref: refs/heads/main\n");
        _tree.Write("repo/vendor/tool/.git/config", "[core]\n");
        _tree.Write("repo/vendor/tool/README.md", "tool\n");

        Run();

        Assert.Equal(new[] { "HEAD(1,1): warning HK7003" }, _engine.Findings);
        Assert.Contains("'vendor/tool/.git' (2 files)", _engine.Warnings[0].Message);
    }

    [Fact]
    public void HK7004_is_left_to_CheckHerokuProject_so_a_publish_reports_it_once()
    {
        var task = SlugTrees.Task(_tree, _engine);
        task.TargetFramework = "net7.0";

        Assert.True(task.Execute());

        Assert.Empty(_engine.Findings);
    }

    [Fact]
    public void NoWarn_and_WarningsAsErrors_apply_to_slug_findings()
    {
        _tree.Write("repo/.env", "A=" + SecretValue);
        Run(task =>
        {
            task.WarningSize = "0.000001";
            task.NoWarn = "HK7001";
            task.WarningsAsErrors = "HK7003";
        });

        Assert.Equal(new[] { ".env(1,1): error HK7003" }, _engine.Findings);
    }

    [Fact]
    public void Strict_makes_slug_warnings_errors_and_they_are_returned_for_SARIF_but_editorconfig_none_stays_off()
    {
        _tree.Write("repo/.env", "A=" + SecretValue);
        var editorConfig = _tree.Write("repo/.editorconfig", "root = true\n[*]\ndotnet_diagnostic.HK7001.severity = none\n");
        var task = SlugTrees.Task(_tree, _engine);
        task.WarningSize = "0.000001";
        task.Strict = true;
        task.EditorConfigFiles = new ITaskItem[] { new TaskItem(editorConfig) };

        Assert.False(task.Execute());

        Assert.Equal(new[] { ".env(1,1): error HK7003" }, _engine.Findings);
        var finding = Assert.Single(task.Findings);
        Assert.Equal(("HK7003", "Error"), (finding.GetMetadata("RuleId"), finding.GetMetadata("Severity")));
    }

    private void Run(Action<EstimateHerokuSlug>? configure = null)
    {
        var task = SlugTrees.Task(_tree, _engine);
        configure?.Invoke(task);
        task.Execute();
    }

    private void AssertNeverPrinted()
    {
        var everything = _engine.Warnings.Select(w => w.Message).Concat(_engine.Errors.Select(e => e.Message)).Concat(_engine.Messages.Select(m => m.Message));
        Assert.All(everything, text => Assert.DoesNotContain(SecretValue, text));
    }

    private void Git(params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo("git") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-C", _tree.Path("repo") }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    public void Dispose() => _tree.Dispose();
}
