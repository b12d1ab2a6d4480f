using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using HerokuAnalyzers.Analyzers.Tests.Verification;
using Xunit;

namespace HerokuAnalyzers.Analyzers.Tests.Consistency;

/// <summary>
/// Same answer in the editor and in the build: the union of what an editor shows with each document
/// open (<see cref="AppAnalysis.OpenDocumentAsync"/>) equals what the build reports — ID, location and
/// message — except the diagnostics listed in <see cref="BuildOnlyDiagnostics"/>.
/// </summary>
public sealed class EditorBuildConsistencyTests
{
    private static readonly IReadOnlyDictionary<string, string> HerokuFiles = new Dictionary<string, string>
    {
        ["Procfile"] = "Procfile",
        ["heroku.yml"] = "HerokuYml",
        ["appsettings.json"] = "AppSettings",
        ["appsettings.Production.json"] = "AppSettings",
    };

    [Fact]
    public async Task The_sample_shows_the_same_diagnostics_open_file_by_file_as_in_the_build()
    {
        var app = AppAnalysis.FromDirectory(Path.Combine(RepositoryRoot(), "samples", "HerokuSample"), "HerokuSample", HerokuFiles);

        var build = await AssertConsistentAsync(app);

        // The sample's memory findings are among them, so the comparison covers them.
        Assert.Contains(build, d => d.Id == "HK2001");
        Assert.Contains(build, d => d.Id == "HK2002");
    }

    [Fact]
    public async Task A_multi_file_app_with_every_code_rule_shows_the_same_diagnostics_open_file_by_file_as_in_the_build()
    {
        var app = TestApp();

        var build = await AssertConsistentAsync(app);

        // An additional-file finding of a code rule (TLS off in appsettings.json) is compared too.
        Assert.Contains(build, d => d.Id == "HK8004" && Path.GetFileName(d.Location.GetLineSpan().Path) == "appsettings.json");
        // Findings decided from a helper's same-file caller, a logger implementation and a System.Data.SQLite store.
        Assert.Equal(new[] { "HK8005", "HK8006", "HK8006" }, build.Where(d => Path.GetFileName(d.Location.GetLineSpan().Path) == "TradeStore.cs").Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal));
        var codeRules = app.Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal);
        Assert.Equal(codeRules, build.Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal));

        // Initializers run in the constructors: a controller's per request, a singleton's in the first request.
        Assert.Contains(build, d => d.Id == "HK1003" && d.GetMessage().Contains("(reached from InvoicesController constructor)", StringComparison.Ordinal));
        Assert.Contains(build, d => d.Id == "HK1003" && d.GetMessage().Contains("(reached from the constructor of singleton Pricing, on its first resolution in a request)", StringComparison.Ordinal));

        // HK8006 follows a write in a service back to the handler that calls it, in another file.
        Assert.Contains(build, d => d.Id == "HK8006" && d.GetMessage().Contains("on the request path (reached from InvoicesController.Pdf)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_editor_shows_the_memory_findings_of_a_file_that_is_open_alone()
    {
        var app = TestApp();

        var ids = new Dictionary<string, string[]>
        {
            ["VisitCounter.cs"] = ["HK2001"],
            ["AuditLog.cs"] = ["HK2001"],
            ["PageCache.cs"] = ["HK2002", "HK2004"],
            ["Program.cs"] = ["HK2002", "HK3001", "HK3002"],
            ["InvoicesController.cs"] = ["HK2003", "HK2004"],
        };
        foreach (var (file, expected) in ids)
        {
            var tree = app.Compilation.SyntaxTrees.Single(t => Path.GetFileName(t.FilePath) == file);
            var shown = await app.OpenDocumentAsync(tree);
            Assert.All(expected, id => Assert.Contains(shown, d => d.Id == id));
        }
    }

    [Fact]
    public void The_build_only_list_names_only_rules_whose_descriptor_is_tagged_compilation_end()
    {
        // An entry for a rule no descriptor marks CompilationEnd would hide a live rule's mismatch.
        var endTagged = AppAnalysis.AllAnalyzers().SelectMany(a => a.SupportedDiagnostics)
            .Where(d => d.CustomTags.Contains(WellKnownDiagnosticTags.CompilationEnd)).Select(d => d.Id).ToHashSet();
        Assert.All(BuildOnlyDiagnostics.Entries, entry => Assert.Contains(entry.Id, endTagged));
    }

    private static async Task<ImmutableArray<Diagnostic>> AssertConsistentAsync(AppAnalysis app)
    {
        Assert.Empty(app.CompilerErrors());
        var build = await app.BuildAsync();
        var editor = await app.EveryDocumentOpenedAsync();
        Assert.DoesNotContain(build.Concat(editor), d => d.Id == "AD0001");

        var expected = Describe(build.Where(d => !BuildOnlyDiagnostics.IsBuildOnly(d)));
        var shown = Describe(editor.Where(d => !BuildOnlyDiagnostics.IsBuildOnly(d)));
        Assert.Equal(expected, shown);

        // Nothing appears in the editor that the build does not report, build-only rules included.
        Assert.Empty(Describe(editor).Except(Describe(build)));
        return build;
    }

    /// <summary>ID, file, line and column span, message: sorted, one string each, duplicates kept.</summary>
    private static List<string> Describe(IEnumerable<Diagnostic> diagnostics)
        => diagnostics.Select(d =>
            {
                var span = d.Location.GetLineSpan();
                return $"{d.Id} {Path.GetFileName(span.Path)}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1},{span.EndLinePosition.Line + 1},{span.EndLinePosition.Character + 1}): {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
            })
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToList();

    /// <summary>The test app references the real Npgsql and StackExchange.Redis, so the platform rules (HK8004, HK8005) see their sinks.</summary>
    private static AppAnalysis TestApp() => AppAnalysis.FromDirectory(TestAppDirectory(), "ConsistencyApp", HerokuFiles, Net8References.PlatformClients);

    internal static string TestAppDirectory() => Path.Combine(RepositoryRoot(), "tests", "Analyzers.Tests", "Consistency", "TestApp");

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Analyzers.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("Analyzers.sln not found above " + AppContext.BaseDirectory);
    }
}
