using System.Reflection;
using HerokuAnalyzers.EndToEnd.Tests.Infrastructure;

namespace HerokuAnalyzers.EndToEnd.Tests;

/// <summary>
/// README command 1: building the sample shows its HK diagnostics, and only the intended ones — the
/// background worker's Thread.Sleep, for one, is not on the request path and stays silent.
/// </summary>
[Collection(SampleCollection.Name)]
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
                "Controllers/InvoicesController.cs(31,24): warning HK1003",
                "Pages/Index.cshtml.cs(12,9): warning HK1002",
                "Procfile(2,1): warning HK4002",
                "Program.cs(16,18): warning HK3002",
                "Program.cs(27,16): warning HK1001",
                "Program.cs(33,21): warning HK8001",
                "Program.cs(7,1): warning HK2002",
                "Services/InvoiceStore.cs(11,57): warning HK2001",
                "app.json(6,19): warning HK5011",
                "app.json(9,37): warning HK5007",
            },
            BuildOutput.Diagnostics(result.Output, Path.Combine(RepoRoot, "samples", "HerokuSample")));
    }
}

/// <summary>Tests that build the sample in place share its bin and obj folders: they run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class SampleCollection
{
    public const string Name = "sample in the repository";
}
