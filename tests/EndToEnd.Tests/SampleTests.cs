using System.Reflection;
using HerokuAnalyzers.EndToEnd.Tests.Infrastructure;

namespace HerokuAnalyzers.EndToEnd.Tests;

/// <summary>README command 1: building the sample shows its HK diagnostics, and only the intended ones.</summary>
public sealed class SampleTests
{
    private static readonly string RepoRoot = typeof(SampleTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    [Fact]
    public void Building_the_sample_shows_the_mistakes_it_contains()
    {
        var result = DotNet.Run(
            RepoRoot,
            new Dictionary<string, string>(),
            TimeSpan.FromMinutes(5),
            "build", "samples/HerokuSample/HerokuSample.csproj", "--no-incremental", "-nr:false", "-tl:off", "-v:m", "-clp:NoSummary");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal(
            new[]
            {
                "Program.cs(15,18): warning HK3002",
                "Program.cs(6,1): warning HK2002",
                "Services/InvoiceStore.cs(11,57): warning HK2001",
            },
            BuildOutput.Diagnostics(result.Output, Path.Combine(RepoRoot, "samples", "HerokuSample")));
    }
}
