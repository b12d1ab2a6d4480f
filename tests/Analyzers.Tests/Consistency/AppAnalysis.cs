using System.Collections.Immutable;
using System.Reflection;
using HerokuAnalyzers.Analyzers.Tests.Verification;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace HerokuAnalyzers.Analyzers.Tests.Consistency;

/// <summary>
/// A web app compiled in the test from real files, with the Heroku files handed to the analyzers the way
/// the package's targets hand them (AdditionalFiles tagged with HerokuFileKind, CompilerVisibleProperty
/// values), analyzed twice: as the build does (the whole compilation) and as an editor does for each open
/// file (syntax and semantic diagnostics of that document only, on an analysis of its own).
/// </summary>
internal sealed class AppAnalysis
{
    /// <summary>The global usings the Web SDK adds with ImplicitUsings=enable.</summary>
    private const string WebSdkGlobalUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Net.Http.Json;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        global using global::Microsoft.AspNetCore.Builder;
        global using global::Microsoft.AspNetCore.Hosting;
        global using global::Microsoft.AspNetCore.Http;
        global using global::Microsoft.AspNetCore.Routing;
        global using global::Microsoft.Extensions.Configuration;
        global using global::Microsoft.Extensions.DependencyInjection;
        global using global::Microsoft.Extensions.Hosting;
        global using global::Microsoft.Extensions.Logging;
        """;

    private AppAnalysis(CSharpCompilation compilation, AnalyzerOptions options, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        Compilation = compilation;
        Options = options;
        Analyzers = analyzers;
    }

    public CSharpCompilation Compilation { get; }

    public AnalyzerOptions Options { get; }

    public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; }

    /// <summary>Every analyzer of the package: each class of the analyzer assembly marked [DiagnosticAnalyzer].</summary>
    public static ImmutableArray<DiagnosticAnalyzer> AllAnalyzers()
        => typeof(HerokuAnalyzers.Memory.MemoryCacheAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() != null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

    /// <summary>
    /// Compiles the C# files under <paramref name="directory"/> (bin/obj excluded) as a Web SDK project named
    /// <paramref name="assemblyName"/>; <paramref name="herokuFiles"/> maps file names in the directory to their HerokuFileKind;
    /// <paramref name="packageReferences"/> are the libraries the app references besides the shared framework.
    /// </summary>
    public static AppAnalysis FromDirectory(string directory, string assemblyName, IReadOnlyDictionary<string, string> herokuFiles, IEnumerable<MetadataReference>? packageReferences = null)
    {
        var sources = Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(directory, path))
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (Path: path, Text: File.ReadAllText(path)));
        var additional = herokuFiles
            .Where(file => File.Exists(Path.Combine(directory, file.Key)))
            .Select(file => (Path: Path.Combine(directory, file.Key), Kind: file.Value, Text: File.ReadAllText(Path.Combine(directory, file.Key))));
        return Create(sources, additional, assemblyName, directory, packageReferences);
    }

    public static AppAnalysis Create(IEnumerable<(string Path, string Text)> sources, IEnumerable<(string Path, string Kind, string Text)> herokuFiles, string assemblyName, string projectDirectory, IEnumerable<MetadataReference>? packageReferences = null)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(SourceText.From(s.Text, System.Text.Encoding.UTF8), parse, s.Path))
            .Append(CSharpSyntaxTree.ParseText(SourceText.From(WebSdkGlobalUsings, System.Text.Encoding.UTF8), parse, Path.Combine(projectDirectory, "obj", assemblyName + ".GlobalUsings.g.cs")))
            .ToList();
        var compilation = CSharpCompilation.Create(
            assemblyName,
            trees,
            Net8References.WebApp.AddRange(packageReferences ?? []),
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        var files = herokuFiles.ToList();
        var options = new AnalyzerOptions(
            files.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)).ToImmutableArray(),
            new PackageOptions(
                files.ToDictionary(f => f.Path, f => f.Kind, StringComparer.Ordinal),
                new Dictionary<string, string>
                {
                    ["build_property.HerokuAnalyzersEnabled"] = "true",
                    ["build_property.HerokuIsDeployable"] = "true",
                    ["build_property.UsingMicrosoftNETSdkWeb"] = "true",
                    ["build_property.AssemblyName"] = assemblyName,
                    ["build_property.MSBuildProjectDirectory"] = projectDirectory,
                }));
        return new AppAnalysis(compilation, options, AllAnalyzers());
    }

    public ImmutableArray<Diagnostic> CompilerErrors()
        => Compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();

    /// <summary>What `dotnet build` reports: every action of every analyzer over the whole compilation.</summary>
    public async Task<ImmutableArray<Diagnostic>> BuildAsync(CancellationToken cancellationToken = default)
        => await NewAnalysis().GetAnalyzerDiagnosticsAsync(cancellationToken);

    /// <summary>
    /// What an editor shows for one open document: its syntax and semantic diagnostics, computed by an
    /// analysis that has seen no other document (compilation-end actions never run).
    /// </summary>
    public async Task<ImmutableArray<Diagnostic>> OpenDocumentAsync(SyntaxTree tree, CancellationToken cancellationToken = default)
    {
        var analysis = NewAnalysis();
        var syntax = await analysis.GetAnalyzerSyntaxDiagnosticsAsync(tree, cancellationToken);
        var semantic = await analysis.GetAnalyzerSemanticDiagnosticsAsync(Compilation.GetSemanticModel(tree), null, cancellationToken);
        return syntax.AddRange(semantic);
    }

    /// <summary>What an editor shows for an open Heroku file (a Procfile, app.json, appsettings): its additional-file diagnostics.</summary>
    public async Task<ImmutableArray<Diagnostic>> OpenAdditionalFileAsync(AdditionalText file, CancellationToken cancellationToken = default)
        => (await NewAnalysis().GetAnalysisResultAsync(file, cancellationToken)).GetAllDiagnostics();

    /// <summary>The union over every document of the app opened one at a time, Heroku files included.</summary>
    public async Task<ImmutableArray<Diagnostic>> EveryDocumentOpenedAsync(CancellationToken cancellationToken = default)
    {
        var all = ImmutableArray.CreateBuilder<Diagnostic>();
        foreach (var tree in Compilation.SyntaxTrees)
        {
            all.AddRange(await OpenDocumentAsync(tree, cancellationToken));
        }

        foreach (var file in Options.AdditionalFiles)
        {
            all.AddRange(await OpenAdditionalFileAsync(file, cancellationToken));
        }

        return all.ToImmutable();
    }

    private CompilationWithAnalyzers NewAnalysis()
        => Compilation.WithAnalyzers(Analyzers, new CompilationWithAnalyzersOptions(Options, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false));

    private static bool IsBuildOutput(string root, string path)
    {
        var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
        return relative.StartsWith("bin/", StringComparison.Ordinal) || relative.StartsWith("obj/", StringComparison.Ordinal);
    }

    private sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text, System.Text.Encoding.UTF8);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    /// <summary>build_property.* globals and build_metadata.AdditionalFiles.HerokuFileKind per Heroku file, as the package's props declare them.</summary>
    private sealed class PackageOptions(IReadOnlyDictionary<string, string> kinds, IReadOnlyDictionary<string, string> globals) : AnalyzerConfigOptionsProvider
    {
        private static readonly AnalyzerConfigOptions Empty = new Options(new Dictionary<string, string>());

        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(globals);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile)
            => kinds.TryGetValue(textFile.Path, out var kind)
                ? new Options(new Dictionary<string, string> { ["build_metadata.AdditionalFiles.HerokuFileKind"] = kind })
                : Empty;

        private sealed class Options(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value)
            {
                if (values.TryGetValue(key, out var found))
                {
                    value = found;
                    return true;
                }

                value = null!;
                return false;
            }
        }
    }
}
