using HerokuAnalyzers.Analyzers.Tests.Verification;
using Microsoft.CodeAnalysis;

namespace HerokuAnalyzers.Analyzers.Tests.Consistency;

/// <summary>
/// Findings decided from another member of the same file (a StreamWriter field behind EF Core's LogTo, a helper's
/// caller passing REDIS_URL) show in the editor exactly as in the build.
/// </summary>
public sealed class CrossMemberConsistencyTests
{
    [Fact]
    public async Task A_LogTo_writer_field_and_a_REDIS_URL_helper_caller_are_decided_alike_open_and_in_the_build()
    {
        const string source = """
            using Microsoft.EntityFrameworkCore;
            using StackExchange.Redis;

            var app = WebApplication.CreateBuilder(args).Build();
            app.Run();

            sealed class AuditDb : DbContext
            {
                private readonly StreamWriter _log = new StreamWriter("ef.log", append: true);

                protected override void OnConfiguring(DbContextOptionsBuilder options) => options.LogTo(_log.WriteLine);
            }

            static class Redis
            {
                public static IConnectionMultiplexer Connect() => FromUrl(Environment.GetEnvironmentVariable("REDIS_URL")!);

                private static IConnectionMultiplexer FromUrl(string url)
                {
                    var uri = new Uri(url);
                    return ConnectionMultiplexer.Connect($"{uri.Host}:{uri.Port},ssl=true");
                }
            }
            """;
        var app = AppAnalysis.Create(
            [("/app/Program.cs", source)],
            [],
            "CrossMember",
            "/app",
            Net8References.EfCore.AddRange(Net8References.PlatformClients));
        Assert.Empty(app.CompilerErrors());

        var build = Describe(await app.BuildAsync());
        var editor = Describe(await app.EveryDocumentOpenedAsync());

        Assert.Equal(["HK8005 (21,46)", "HK8006 (11,87)"], build);
        Assert.Equal(build, editor);
    }

    private static List<string> Describe(IEnumerable<Diagnostic> diagnostics)
        => diagnostics.Where(d => d.Id.StartsWith("HK800", StringComparison.Ordinal) && d.Id != "HK8002")
            .Select(d => $"{d.Id} ({d.Location.GetLineSpan().StartLinePosition.Line + 1},{d.Location.GetLineSpan().StartLinePosition.Character + 1})")
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToList();
}
