using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using HerokuAnalyzers.Analyzers.Tests.Verification;
using HerokuAnalyzers.Hosting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace HerokuAnalyzers.Analyzers.Tests.Hosting;

/// <summary>
/// HK3004 as the editor sees it: only the open file is analyzed (no compilation-end actions run),
/// as Visual Studio and VS Code do for an open Procfile or Dockerfile.
/// </summary>
public class WebProcessPortEditorTests
{
    private const string PlainWebApp = "var app = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(args).Build();\napp.Run();\n";

    [Fact]
    public async Task Analyzing_only_the_open_Procfile_reports_HK3004_there()
    {
        var diagnostics = await AnalyzeOpenFileAsync(PlainWebApp, ("/repo/Procfile", "Procfile", "# web\nweb: cd Frontend/bin/publish; ./Frontend\n"));

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("HK3004", diagnostic.Id);
        Assert.Equal("/repo/Procfile", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(1, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public async Task Analyzing_only_the_open_Dockerfile_reports_HK3004_there()
    {
        var diagnostics = await AnalyzeOpenFileAsync(PlainWebApp, ("/repo/Dockerfile", "Dockerfile", "FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCMD [\"dotnet\", \"Frontend.dll\"]\n"), container: true);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("HK3004", diagnostic.Id);
        Assert.Equal(1, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public async Task Code_in_another_document_that_reads_PORT_is_seen_from_the_open_Procfile()
    {
        const string ReadsPort = """
            var app = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(args).Build();
            app.Urls.Add("http://*:" + app.Configuration["PORT"]);
            app.Run();
            """;

        Assert.Empty(await AnalyzeOpenFileAsync(ReadsPort, ("/repo/Procfile", "Procfile", "web: cd Frontend/bin/publish; ./Frontend\n")));
    }

    [Fact]
    public async Task A_PORT_literal_that_is_not_a_read_does_not_silence_it_in_the_editor_or_the_build()
    {
        const string Mentions = PlainWebApp + "System.Console.WriteLine(\"PORT\");\n";

        Assert.Single(await AnalyzeOpenFileAsync(Mentions, ("/repo/Procfile", "Procfile", "web: cd Frontend/bin/publish; ./Frontend\n")));
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeOpenFileAsync(string code, (string Path, string Kind, string Text) file, bool container = false)
    {
        var tree = CSharpSyntaxTree.ParseText(code, path: "/repo/Frontend/Program.cs");
        var compilation = CSharpCompilation.Create("Frontend", new[] { tree }, Net8References.WebApp, new CSharpCompilationOptions(OutputKind.ConsoleApplication));
        var additional = new InMemoryText(file.Path, file.Text);
        var global = new Dictionary<string, string>
        {
            ["build_property.UsingMicrosoftNETSdkWeb"] = "true",
            ["build_property.HerokuIsDeployable"] = "true",
            ["build_property.AssemblyName"] = "Frontend",
            ["build_property.MSBuildProjectDirectory"] = "/repo/Frontend",
            ["build_property.HerokuDeployKind"] = container ? "container" : "buildpack",
        };
        var perFile = new Dictionary<string, string> { ["build_metadata.AdditionalFiles.HerokuFileKind"] = file.Kind };
        var options = new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(additional), new OptionsProvider(global, additional, perFile));
        var analyzers = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new WebProcessPortAnalyzer()), options);

        var result = await analyzers.GetAnalysisResultAsync(additional, CancellationToken.None);

        return result.GetAllDiagnostics();
    }

    private sealed class InMemoryText : AdditionalText
    {
        private readonly SourceText _text;

        public InMemoryText(string path, string text)
        {
            Path = path;
            _text = SourceText.From(text);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class OptionsProvider : AnalyzerConfigOptionsProvider
    {
        private readonly AdditionalText _file;
        private readonly Options _fileOptions;

        public OptionsProvider(Dictionary<string, string> global, AdditionalText file, Dictionary<string, string> fileOptions)
        {
            GlobalOptions = new Options(global);
            _file = file;
            _fileOptions = new Options(fileOptions);
        }

        public override AnalyzerConfigOptions GlobalOptions { get; }

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => GlobalOptions;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => ReferenceEquals(textFile, _file) ? _fileOptions : GlobalOptions;
    }

    private sealed class Options : AnalyzerConfigOptions
    {
        private readonly Dictionary<string, string> _values;

        public Options(Dictionary<string, string> values) => _values = values;

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);
    }
}
