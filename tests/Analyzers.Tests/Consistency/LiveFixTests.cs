using System.Collections.Immutable;
using HerokuAnalyzers.Analyzers.Tests.Verification;
using HerokuAnalyzers.CodeFixes.Hosting;
using HerokuAnalyzers.CodeFixes.Memory;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace HerokuAnalyzers.Analyzers.Tests.Consistency;

/// <summary>
/// The light bulb in an editor: the diagnostic comes from the open document's own analysis (no
/// compilation end), the registered fix is applied in a workspace, and the fixed app compiles and no
/// longer shows the diagnostic.
/// </summary>
public sealed class LiveFixTests
{
    private const string Program = """
        using Microsoft.Extensions.Caching.Memory;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddMemoryCache();
        builder.WebHost.UseUrls("http://*:5000");
        var app = builder.Build();
        app.MapGet("/price/{sku}", (string sku, IMemoryCache cache) => cache.Set(sku, sku.Length));
        app.Run();
        """;

    private const string Controller = """
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.Caching.Memory;

        namespace Shop;

        [ApiController]
        public sealed class ProductsController(IMemoryCache cache) : ControllerBase
        {
            [HttpGet("products/{id}")]
            public string Get(string id) => cache.GetOrCreate(id, entry => id.ToUpperInvariant())!;
        }
        """;

    [Fact]
    public async Task HK2002_from_the_open_Program_cs_bounds_the_cache_and_sizes_entries_in_every_file()
    {
        var solution = await FixAsync(NewApp(), "Program.cs", "HK2002", new AddSizeLimitCodeFixProvider());

        var program = await TextOf(solution, "Program.cs");
        Assert.Contains("SizeLimit =", program);
        Assert.Contains("Size = 1", program);
        Assert.Contains("Size = 1", await TextOf(solution, "ProductsController.cs"));
        await AssertCompilesWithout(solution, "HK2002", "HK2004");
    }

    [Fact]
    public async Task HK2004_from_the_open_controller_gives_its_entry_an_expiration()
    {
        var solution = await FixAsync(NewApp(), "ProductsController.cs", "HK2004", new AddExpirationCodeFixProvider());

        Assert.Contains("AbsoluteExpirationRelativeToNow", await TextOf(solution, "ProductsController.cs"));
        Assert.DoesNotContain("AbsoluteExpirationRelativeToNow", await TextOf(solution, "Program.cs"));
        await AssertCompiles(solution);
        var controller = solution.Projects.Single().Documents.Single(d => d.Name == "ProductsController.cs");
        Assert.DoesNotContain(await OpenDocumentDiagnostics(controller), d => d.Id == "HK2004");
    }

    [Fact]
    public async Task HK3001_from_the_open_Program_cs_binds_PORT()
    {
        var solution = await FixAsync(NewApp(), "Program.cs", "HK3001", new BindAllInterfacesCodeFixProvider());

        Assert.Contains("PORT", await TextOf(solution, "Program.cs"));
        await AssertCompilesWithout(solution, "HK3001");
    }

    private static Solution NewApp()
    {
        var workspace = new AdhocWorkspace();
        var id = ProjectId.CreateNewId();
        var info = ProjectInfo.Create(
            id,
            VersionStamp.Create(),
            "Shop",
            "Shop",
            LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            metadataReferences: Net8References.WebApp);
        var solution = workspace.CurrentSolution.AddProject(info);
        solution = solution.AddDocument(DocumentId.CreateNewId(id), "GlobalUsings.cs", SourceText.From("global using Microsoft.AspNetCore.Builder;\nglobal using Microsoft.AspNetCore.Hosting;\nglobal using Microsoft.AspNetCore.Http;\nglobal using Microsoft.Extensions.DependencyInjection;\nglobal using System;\n"), filePath: "/Shop/GlobalUsings.cs");
        solution = solution.AddDocument(DocumentId.CreateNewId(id), "Program.cs", SourceText.From(Program), filePath: "/Shop/Program.cs");
        solution = solution.AddDocument(DocumentId.CreateNewId(id), "ProductsController.cs", SourceText.From(Controller), filePath: "/Shop/ProductsController.cs");
        return solution;
    }

    /// <summary>Opens <paramref name="documentName"/> alone, takes its <paramref name="id"/> diagnostic and applies the fix's first action.</summary>
    private static async Task<Solution> FixAsync(Solution solution, string documentName, string id, CodeFixProvider fix)
    {
        await AssertCompiles(solution);
        var document = solution.Projects.Single().Documents.Single(d => d.Name == documentName);
        var diagnostic = Assert.Single(await OpenDocumentDiagnostics(document), d => d.Id == id);

        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await fix.RegisterCodeFixesAsync(context);
        var action = Assert.Single(actions);

        var operations = await action.GetOperationsAsync(CancellationToken.None);
        return Assert.Single(operations.OfType<ApplyChangesOperation>()).ChangedSolution;
    }

    /// <summary>An editor's analysis of one open document: syntax and semantic diagnostics of that document only.</summary>
    private static async Task<ImmutableArray<Diagnostic>> OpenDocumentDiagnostics(Document document)
    {
        var compilation = (await document.Project.GetCompilationAsync())!;
        var analysis = compilation.WithAnalyzers(AppAnalysis.AllAnalyzers(), document.Project.AnalyzerOptions);
        var tree = (await document.GetSyntaxTreeAsync())!;
        var syntax = await analysis.GetAnalyzerSyntaxDiagnosticsAsync(tree, CancellationToken.None);
        var semantic = await analysis.GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(tree), null, CancellationToken.None);
        return syntax.AddRange(semantic);
    }

    private static async Task AssertCompiles(Solution solution)
    {
        var compilation = (await solution.Projects.Single().GetCompilationAsync())!;
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    private static async Task AssertCompilesWithout(Solution solution, params string[] ids)
    {
        await AssertCompiles(solution);
        foreach (var document in solution.Projects.Single().Documents)
        {
            var shown = await OpenDocumentDiagnostics(document);
            Assert.DoesNotContain(shown, d => ids.Contains(d.Id));
        }
    }

    private static async Task<string> TextOf(Solution solution, string name)
        => (await solution.Projects.Single().Documents.Single(d => d.Name == name).GetTextAsync()).ToString();
}
