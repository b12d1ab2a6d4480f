using System.Net;
using System.Reflection;
using HerokuAnalyzers.EndToEnd.Tests.Infrastructure;

namespace HerokuAnalyzers.EndToEnd.Tests;

/// <summary>
/// The sample published the way the .NET buildpack publishes it, started exactly as its own Procfile's
/// web line says with PORT set to a free port: it must answer HTTP 200 there (the R10 claim, for real).
/// </summary>
[Collection(SampleCollection.Name)]
public sealed class SampleRunTests : IClassFixture<PortBindingRunTests.PublishedApp>
{
    private static readonly string SampleRoot = Path.Combine(
        typeof(SampleRunTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!,
        "samples",
        "HerokuSample");

    private readonly PortBindingRunTests.PublishedApp _runner;

    public SampleRunTests(PortBindingRunTests.PublishedApp runner) => _runner = runner;

    [Fact]
    public async Task The_sample_started_by_its_Procfile_answers_on_PORT()
    {
        var publish = DotNet.Run(SampleRoot, new Dictionary<string, string>(), TimeSpan.FromMinutes(5), "publish", "HerokuSample.csproj", "-p:PublishDir=bin/publish/", "-nr:false", "-tl:off", "-v:q");
        Assert.True(publish.ExitCode == 0, publish.Output);
        var web = File.ReadAllLines(Path.Combine(SampleRoot, "Procfile")).Single(l => l.StartsWith("web:", StringComparison.Ordinal));

        var port = PortBindingRunTests.FreePort();
        using var process = _runner.StartWebProcess(SampleRoot, web, port);
        try
        {
            var status = await PortBindingRunTests.WaitForResponseAsync(process, port, PortBindingRunTests.BootTimeout, "/health");
            Assert.True(status == HttpStatusCode.OK, $"expected HTTP 200 from '{web}' on $PORT={port}, got {status?.ToString() ?? "no answer"}\n{_runner.Output(process)}");
        }
        finally
        {
            PortBindingRunTests.Stop(process);
        }
    }
}
