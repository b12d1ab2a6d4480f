using System.Collections.Immutable;
using System.Text.RegularExpressions;
using HerokuAnalyzers.Analyzers.Tests.Verification;
using HerokuAnalyzers.RequestPath;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HerokuAnalyzers.Analyzers.Tests.RequestPath;

/// <summary>
/// The request-path evaluation app (RequestPath/EvaluationApp): one web app whose lines are labelled
/// "// HKnnnn" (must be reported with that ID) or "// clean" (must not be). Compiled against the real
/// .NET 8, ASP.NET Core 8, EF Core 8 and Dapper libraries; every blocking line must be found, and no other
/// line — clean or unlabelled — may be reported.
/// </summary>
public partial class EvaluationAppTests
{
    [GeneratedRegex(@"//\s*(?<label>HK\d{4}|clean)\s*$")]
    private static partial Regex Label();

    [Fact]
    public async Task Every_blocking_line_is_found_and_no_other_line_is_reported()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "RequestPath", "EvaluationApp");
        var files = Directory.GetFiles(folder, "*.cs").OrderBy(f => f, StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(files);

        var expected = new Dictionary<(string File, int Line), string>();
        var trees = new List<SyntaxTree>();
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            var name = Path.GetFileName(file);
            trees.Add(CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest), path: name));
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var match = Label().Match(lines[i].TrimEnd('\r'));
                if (match.Success)
                {
                    expected[(name, i + 1)] = match.Groups["label"].Value;
                }
            }
        }

        var compilation = CSharpCompilation.Create(
            "EvaluationApp",
            trees,
            Net8References.WebApp.AddRange(Net8References.EfCore).AddRange(Net8References.EvaluationApp).AddRange(Net8References.PlatformClients),
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "The evaluation app does not compile:\n" + string.Join("\n", errors));

        var diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new RequestPathAnalyzer()))
            .GetAnalyzerDiagnosticsAsync();
        var reported = new HashSet<(string File, int Line, string Id)>();
        foreach (var diagnostic in diagnostics)
        {
            Assert.False(diagnostic.Id == "AD0001", diagnostic.ToString());
            var span = diagnostic.Location.GetLineSpan();
            reported.Add((span.Path, span.StartLinePosition.Line + 1, diagnostic.Id));
        }

        var problems = new List<string>();
        foreach (var ((file, line), label) in expected.OrderBy(e => e.Key.File).ThenBy(e => e.Key.Line))
        {
            if (label != "clean" && !reported.Contains((file, line, label)))
            {
                problems.Add($"missed {file}:{line} {label}");
            }
        }

        foreach (var (file, line, id) in reported.OrderBy(r => r.File).ThenBy(r => r.Line))
        {
            if (!expected.TryGetValue((file, line), out var label) || label != id)
            {
                problems.Add($"wrongly reported {file}:{line} {id} (labelled {label ?? "nothing"})");
            }
        }

        var blocking = expected.Count(e => e.Value != "clean");
        var clean = expected.Count - blocking;
        Assert.True(blocking >= 40 && clean >= 40, $"The evaluation app should keep at least 40 blocking and 40 clean lines ({blocking}, {clean}).");
        Assert.True(problems.Count == 0, $"{blocking} blocking and {clean} clean lines; {problems.Count} wrong:\n" + string.Join("\n", problems));
    }
}
