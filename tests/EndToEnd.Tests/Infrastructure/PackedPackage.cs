using System.Reflection;

namespace HerokuAnalyzers.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Packs HerokuAnalyzers once per test run with a version no cache has seen (NuGet never re-extracts
/// an id/version it already has) into a local folder feed, with a private NUGET_PACKAGES.
/// </summary>
public sealed class PackedPackage : IDisposable
{
    public PackedPackage()
    {
        RepoRoot = typeof(PackedPackage).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;
        WorkRoot = Path.Combine(Path.GetTempPath(), "heroku-e2e", DateTime.UtcNow.ToString("yyyyMMddHHmmss") + "-" + Guid.NewGuid().ToString("N")[..8]);
        Feed = Path.Combine(WorkRoot, "feed");
        PackagesCache = Path.Combine(WorkRoot, "nuget-packages");
        Version = "0.0.0-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff");
        Directory.CreateDirectory(Feed);

        var result = DotNet.Run(
            RepoRoot,
            new Dictionary<string, string>(),
            TimeSpan.FromMinutes(5),
            "pack", Path.Combine(RepoRoot, "src", "MSBuild", "HerokuAnalyzers.Tasks.csproj"),
            "-c", "Release", "-o", Feed, "-p:Version=" + Version, "-nr:false", "-tl:off", "-v:q");
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException("dotnet pack failed:\n" + result.Output);
        }

        PackagePath = Path.Combine(Feed, $"HerokuAnalyzers.{Version}.nupkg");
        if (!File.Exists(PackagePath))
        {
            throw new FileNotFoundException("dotnet pack produced no package", PackagePath);
        }
    }

    public string RepoRoot { get; }

    public string WorkRoot { get; }

    public string Feed { get; }

    public string PackagesCache { get; }

    public string Version { get; }

    public string PackagePath { get; }

    public ConsumerApp CreateConsumer(string name) => new(this, Path.Combine(WorkRoot, name + "-" + Guid.NewGuid().ToString("N")[..6]));

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("HEROKU_E2E_KEEP") == null)
        {
            try
            {
                Directory.Delete(WorkRoot, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackedPackage>
{
    public const string Name = "packed package";
}
