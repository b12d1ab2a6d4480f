using System.Collections.Immutable;
using HerokuAnalyzers.Analyzers.Tests.Verification;
using HerokuAnalyzers.CodeFixes.RequestPath;
using HerokuAnalyzers.RequestPath;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace HerokuAnalyzers.Analyzers.Tests.RequestPath;

/// <summary>
/// The light bulb on a live HK1001: the diagnostic comes from document-scope analysis of the open file in
/// a workspace (what an editor has), the registered fix is applied, and the app still compiles.
/// </summary>
public class LiveRequestPathFixTests
{
    [Fact]
    public async Task The_fix_of_a_live_HK1001_in_an_action_awaits_and_the_app_compiles()
    {
        var (solution, fixedDocument) = await FixFirstHK1001Async("OrdersController.cs");

        var text = (await fixedDocument.GetTextAsync()).ToString();
        Assert.Contains("public async Task<string> Get(int id) => _orders.Load(id) + await _http.GetStringAsync(\"https://example.com\");", text, StringComparison.Ordinal);
        await AssertCompilesWithoutHK1001Async(solution, fixedDocument);
    }

    [Fact]
    public async Task The_fix_of_a_live_HK1001_in_a_reached_helper_makes_it_async_awaits_it_in_the_action_in_another_file_and_the_app_compiles()
    {
        var (solution, fixedDocument) = await FixFirstHK1001Async("Pricing.cs");

        Assert.Contains("public static async Task<decimal> Total(int id) => await Rate() * id;", (await fixedDocument.GetTextAsync()).ToString(), StringComparison.Ordinal);
        var controller = solution.GetDocument(solution.Projects.Single().Documents.Single(d => d.Name == "OrdersController.cs").Id)!;
        Assert.Contains("return await Format(id) + await Pricing.Total(id);", (await controller.GetTextAsync()).ToString(), StringComparison.Ordinal);
        await AssertCompilesWithoutHK1001Async(solution, fixedDocument);
    }

    private static async Task<(Solution Solution, Document Fixed)> FixFirstHK1001Async(string file)
    {
        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(),
            VersionStamp.Default,
            "App",
            "App",
            LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.CSharp12),
            metadataReferences: Net8References.WebApp));
        foreach (var (path, text) in LiveRequestPathTests.App.Append(LiveRequestPathTests.GlobalUsings))
        {
            project = project.AddDocument(Path.GetFileName(path), SourceText.From(text), filePath: path).Project;
        }

        var document = project.Documents.Single(d => d.Name == file);
        var diagnostic = (await LiveDiagnosticsAsync(document)).First(d => d.Id == "HK1001");

        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await new AwaitOnRequestPathCodeFixProvider().RegisterCodeFixesAsync(context);
        var operation = Assert.Single((await Assert.Single(actions).GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>());
        var solution = operation.ChangedSolution;
        return (solution, solution.GetDocument(document.Id)!);
    }

    private static async Task AssertCompilesWithoutHK1001Async(Solution solution, Document document)
    {
        var compilation = (await solution.GetProject(document.Project.Id)!.GetCompilationAsync())!;
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.DoesNotContain(await LiveDiagnosticsAsync(document), d => d.Id == "HK1001");
    }

    /// <summary>What an editor computes for one open document: its semantic diagnostics in document scope.</summary>
    private static async Task<ImmutableArray<Diagnostic>> LiveDiagnosticsAsync(Document document)
    {
        var compilation = (await document.Project.GetCompilationAsync())!;
        var model = (await document.GetSemanticModelAsync())!;
        return await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new RequestPathAnalyzer()), document.Project.AnalyzerOptions)
            .GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan: null, CancellationToken.None);
    }
}
