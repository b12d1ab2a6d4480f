using HerokuAnalyzers.Tasks.Tests.Infrastructure;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace HerokuAnalyzers.Tasks.Tests.Slug;

public sealed class SlugSecretAndPlatformTests : IDisposable
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

    [Theory]
    [InlineData("net8.0", "", null)]
    [InlineData("net10.0", "linux-x64", null)]
    [InlineData("net9.0", "linux-arm64", null)]
    [InlineData("net7.0", "", "TargetFramework 'net7.0'")]
    [InlineData("net8.0-windows", "", "TargetFramework 'net8.0-windows'")]
    [InlineData("net8.0", "win-x64", "RuntimeIdentifier 'win-x64'")]
    [InlineData("net8.0", "osx-arm64", "RuntimeIdentifier 'osx-arm64'")]
    [InlineData("net8.0", "linux-musl-x64", "RuntimeIdentifier 'linux-musl-x64'")]
    public void Target_framework_and_runtime_identifier_are_checked_against_the_buildpack(string targetFramework, string runtimeIdentifier, string? expected)
    {
        Run(task =>
        {
            task.TargetFramework = targetFramework;
            task.RuntimeIdentifier = runtimeIdentifier;
        });

        if (expected == null)
        {
            Assert.Empty(_engine.Findings);
        }
        else
        {
            Assert.Equal(new[] { "App.csproj(1,1): warning HK7004" }, _engine.Findings);
            Assert.Contains(expected, _engine.Warnings[0].Message);
        }
    }

    [Fact]
    public void Mixed_TFMs_without_global_json_make_the_buildpack_pick_the_older_SDK()
    {
        WriteSolution("App/App.csproj", "Tool/Tool.csproj");
        _tree.Write("repo/Tool/Tool.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>");

        Run();

        Assert.Equal(new[] { "App.csproj(1,1): warning HK7004" }, _engine.Findings);
        Assert.Contains("'net8.0' sorts after 'net10.0'", _engine.Warnings[0].Message);
        Assert.Contains("Tool.csproj", _engine.Warnings[0].Message);
    }

    [Theory]
    [InlineData("net9.0", null)]
    [InlineData("net10.0", "{ \"sdk\": { \"version\": \"10.0.100\" } }")]
    public void Mixed_TFMs_are_fine_when_the_text_order_matches_or_global_json_pins_the_SDK(string toolFramework, string? globalJson)
    {
        WriteSolution("App/App.csproj", "Tool/Tool.csproj");
        _tree.Write("repo/Tool/Tool.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>" + toolFramework + "</TargetFramework></PropertyGroup></Project>");
        if (globalJson != null)
        {
            _tree.Write("repo/global.json", globalJson);
        }

        Run();

        Assert.Empty(_engine.Findings);
    }

    [Fact]
    public void NoWarn_and_WarningsAsErrors_apply_to_slug_findings()
    {
        _tree.Write("repo/.env", "A=" + SecretValue);
        Run(task =>
        {
            task.TargetFramework = "net7.0";
            task.NoWarn = "HK7004";
            task.WarningsAsErrors = "HK7003";
        });

        Assert.Equal(new[] { ".env(1,1): error HK7003" }, _engine.Findings);
    }

    private void WriteSolution(params string[] projects)
    {
        var lines = projects.Select((p, i) => $"Project(\"{{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}}\") = \"P{i}\", \"{p.Replace('/', '\\')}\", \"{{{Guid.NewGuid()}}}\"\nEndProject");
        _tree.Write("repo/App.sln", "Microsoft Visual Studio Solution File, Format Version 12.00\n" + string.Join("\n", lines) + "\n");
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
