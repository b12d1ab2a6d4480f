// Editor cost of the HK analyzers: for one open controller file of a generated app, on a fresh
// Compilation (as after an edit), the time of the HK analyzers' document-scope analysis (syntax +
// semantic diagnostics of that document, what Visual Studio and the Roslyn language server run for an
// open file) divided by the compiler's own binding of that document (semanticModel.GetDiagnostics()).
// Usage: EditorBench <app folder> [documents=100]   (apps from bench/analyzers/generate-app.cs)
using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;
using HerokuAnalyzers.RequestPath;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

var app = Path.GetFullPath(args[0]);
var sample = args.Length > 1 ? int.Parse(args[1]) : 100;
var compilation = Compile(app);
var analyzers = typeof(RequestPathAnalyzer).Assembly.GetTypes()
    .Where(t => t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() != null && !t.IsAbstract)
    .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
    .Where(a => Environment.GetEnvironmentVariable("HK_ONLY") is not string only || a.GetType().Name.Contains(only, StringComparison.Ordinal))
    .ToImmutableArray();
if (Environment.GetEnvironmentVariable("HK_ONLY") == "Empty")
{
    analyzers = [new EmptyOperationBlockAnalyzer()];
}

// The analyzer driver's own work on a document (it binds the document again in its own copy of the
// compilation) is paid once for all analyzers an editor runs — the SDK's own CA analyzers are on in every
// project — so what the package adds is its time above an analyzer that does nothing.
ImmutableArray<DiagnosticAnalyzer> floor = [new EmptyOperationBlockAnalyzer()];
var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), (e, a, d) => throw e, concurrentAnalysis: true, logAnalyzerExecutionTime: Environment.GetEnvironmentVariable("HK_LOG_TIME") != null);

var controllers = Pick(compilation, "/Controllers/", sample);
// Service files that block: their finding is reached from a controller in another file (the backward search).
var blockingServices = Pick(compilation, "/Services/", int.MaxValue).Where(t => t.GetText().ToString().Contains(".Result")).Take(Math.Max(1, sample / 5)).ToList();

await Measure(controllers.Take(3).ToList(), quiet: true); // JIT and symbol tables warm, as an editor open a while
var (controllerRatio, controllerAdded, controllerFindings) = Environment.GetEnvironmentVariable("HK_SERVICES_ONLY") != null ? (0.0, 0.0, 0) : await Measure(controllers, quiet: false);
var (serviceRatio, serviceAdded, serviceFindings) = await Measure(blockingServices, quiet: false);
var controllerCount = compilation.SyntaxTrees.Count(t => t.FilePath.Contains("/Controllers/"));
Console.WriteLine($"{controllerCount} controllers: HK document-scope / binding, median over {controllers.Count} controller files: {controllerRatio:F2}, added over the driver's floor: {controllerAdded:F2} ({controllerFindings} HK diagnostics); over {blockingServices.Count} blocking service files: {serviceRatio:F2}, added: {serviceAdded:F2} ({serviceFindings} HK1xxx reached from controllers)");

async Task<(double Median, double Added, int Findings)> Measure(IReadOnlyList<SyntaxTree> trees, bool quiet)
{
    var ratios = new List<double>();
    var added = new List<double>();
    var findings = 0;
    foreach (var tree in trees)
    {
        // A fresh compilation per document: nothing bound for another file is reused, as after an edit.
        var fresh = compilation.RemoveSyntaxTrees(tree).AddSyntaxTrees(tree);
        var withAnalyzers = fresh.WithAnalyzers(analyzers, options);
        var watch = Stopwatch.StartNew();
        var model = fresh.GetSemanticModel(tree);
        model.GetDiagnostics();
        var binding = watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        var syntax = await withAnalyzers.GetAnalyzerSyntaxDiagnosticsAsync(tree, CancellationToken.None);
        var semantic = await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, null, CancellationToken.None);
        var analysis = watch.Elapsed.TotalMilliseconds;
        findings += syntax.Concat(semantic).Count(d => d.Id.StartsWith("HK", StringComparison.Ordinal));
        ratios.Add(analysis / binding);

        var withFloor = fresh.WithAnalyzers(floor, options);
        watch.Restart();
        await withFloor.GetAnalyzerSyntaxDiagnosticsAsync(tree, CancellationToken.None);
        await withFloor.GetAnalyzerSemanticDiagnosticsAsync(model, null, CancellationToken.None);
        added.Add(Math.Max(0, analysis - watch.Elapsed.TotalMilliseconds) / binding);
        if (Environment.GetEnvironmentVariable("HK_VERBOSE") != null)
        {
            Console.Error.WriteLine($"{Path.GetFileName(tree.FilePath)}: binding {binding:F1} ms, HK {analysis:F1} ms");
        }
    }

    ratios.Sort();
    added.Sort();
    return (ratios.Count == 0 ? 0 : ratios[ratios.Count / 2], added.Count == 0 ? 0 : added[added.Count / 2], findings);
}

static List<SyntaxTree> Pick(Compilation compilation, string folder, int count)
{
    var trees = compilation.SyntaxTrees.Where(t => t.FilePath.Contains(folder, StringComparison.Ordinal)).OrderBy(t => t.FilePath, StringComparer.Ordinal).ToList();
    var step = Math.Max(1, trees.Count / Math.Min(count, Math.Max(1, trees.Count)));
    return trees.Where((_, i) => i % step == 0).Take(count).ToList();
}

static CSharpCompilation Compile(string folder)
{
    var parse = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.CSharp12);
    // The Web SDK's implicit usings.
    const string implicitUsings = "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; global using System.Net.Http; global using System.Net.Http.Json; global using System.Threading; global using System.Threading.Tasks; global using Microsoft.AspNetCore.Builder; global using Microsoft.AspNetCore.Hosting; global using Microsoft.AspNetCore.Http; global using Microsoft.AspNetCore.Routing; global using Microsoft.Extensions.Configuration; global using Microsoft.Extensions.DependencyInjection; global using Microsoft.Extensions.Hosting; global using Microsoft.Extensions.Logging;";
    var trees = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
        .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
        .OrderBy(f => f, StringComparer.Ordinal)
        .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parse, f))
        .Append(CSharpSyntaxTree.ParseText(implicitUsings, parse, Path.Combine(folder, "obj", "GlobalUsings.g.cs")))
        .ToList();
    var compilation = CSharpCompilation.Create("BenchApp", trees, References(), new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
    var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(3).ToList();
    if (errors.Count > 0)
    {
        throw new InvalidOperationException("the generated app does not compile: " + string.Join("; ", errors));
    }

    return compilation;
}

// The reference packs of the running SDK (Microsoft.NETCore.App.Ref and Microsoft.AspNetCore.App.Ref), as a web project compiles against.
static IEnumerable<MetadataReference> References()
{
    var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
    var root = Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
    var version = Path.GetFileName(runtime);
    var major = string.Join('.', version.Split('.').Take(2));
    foreach (var pack in new[] { "Microsoft.NETCore.App.Ref", "Microsoft.AspNetCore.App.Ref" })
    {
        var packFolder = Directory.EnumerateDirectories(Path.Combine(root, "packs", pack)).Where(d => Path.GetFileName(d).StartsWith(major, StringComparison.Ordinal)).Max(StringComparer.Ordinal)
                         ?? throw new DirectoryNotFoundException($"{pack} {major} not found under {root}/packs");
        foreach (var dll in Directory.EnumerateFiles(Path.Combine(packFolder, "ref", "net" + major), "*.dll"))
        {
            yield return MetadataReference.CreateFromFile(dll);
        }
    }
}

/// <summary>A yardstick: an analyzer that only asks for the document's operation blocks.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class EmptyOperationBlockAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new("X0001", "x", "x", "x", DiagnosticSeverity.Hidden, true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterOperationBlockAction(_ => { });
    }
}
