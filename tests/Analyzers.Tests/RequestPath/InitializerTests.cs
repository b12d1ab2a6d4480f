using HerokuAnalyzers.Analyzers.Tests.Verification;
using HerokuAnalyzers.Infrastructure;
using HerokuAnalyzers.RequestPath;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Verify = HerokuAnalyzers.Analyzers.Tests.Verification.AnalyzerVerifier<HerokuAnalyzers.RequestPath.RequestPathAnalyzer>;

namespace HerokuAnalyzers.Analyzers.Tests.RequestPath;

/// <summary>
/// Instance field and property initializers run inside the constructors that do not chain to <c>this(…)</c>:
/// they are on the request path exactly when such a constructor is.
/// </summary>
public class InitializerTests
{
    private const string Usings = """
        using System;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.DependencyInjection;

        """;

    [Fact]
    public Task Initializers_of_controllers_services_and_types_a_handler_builds_are_reported_with_the_constructor_that_runs_them()
        => Verify.VerifyAsync(
            Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddScoped<Cart>();
            builder.Build().Run();

            public class TemplatesController : ControllerBase
            {
                private readonly string _template = {|#0:System.IO.File.ReadAllText("template.html")|};
                public int Version { get; } = {|#1:Loader.LoadAsync().Result|};

                [HttpGet]
                public string Get() => _template;
            }

            public class Cart
            {
                private readonly int _items = Wait();
                private static int Wait() { {|#2:Thread.Sleep(10)|}; return 0; }
            }

            public class ReportsController : ControllerBase
            {
                [HttpGet]
                public string Get() => new Report().Text;
            }

            public class Report
            {
                public string Text { get; } = {|#3:File.ReadAllText("report.txt")|};
            }

            public static class Loader
            {
                public static async Task<int> LoadAsync() { await Task.Yield(); return 1; }
            }
            """,
            Verify.Diagnostic("HK1003").WithLocation(0).WithArguments("File.ReadAllText", " (reached from TemplatesController constructor)", "File.ReadAllTextAsync"),
            Verify.Diagnostic("HK1001").WithLocation(1).WithArguments("Task.Result", " (reached from TemplatesController constructor)"),
            Verify.Diagnostic("HK1002").WithLocation(2).WithArguments("Thread.Sleep", " (reached from the constructor of scoped or transient service Cart)"),
            Verify.Diagnostic("HK1003").WithLocation(3).WithArguments("File.ReadAllText", " (reached from ReportsController.Get)", "File.ReadAllTextAsync"));

    [Fact]
    public Task Static_initializers_initializers_no_request_runs_and_constructors_that_chain_to_this_are_left_alone()
        => Verify.VerifyAsync(
            Usings + """
            var settings = new Settings();
            WebApplication.CreateBuilder(args).Build().Run();

            public class StatusController : ControllerBase
            {
                private static readonly string Banner = System.IO.File.ReadAllText("banner.txt");

                [HttpGet]
                public string Get() => Banner + new Chained(1).Value;
            }

            public class Settings
            {
                private readonly string _text = File.ReadAllText("settings.json");
            }

            public class Chained
            {
                private readonly string _text = {|#0:File.ReadAllText("chained.txt")|};
                public Chained() { }
                public Chained(int value) : this() => Value = value;
                public int Value { get; }
            }

            public class Unused
            {
                private readonly string _text = File.ReadAllText("unused.txt");
            }
            """,
            // new Chained(1) runs Chained() through this(): the initializer runs there, reached from the action.
            Verify.Diagnostic("HK1003").WithLocation(0).WithArguments("File.ReadAllText", " (reached from StatusController.Get)", "File.ReadAllTextAsync"));

    [Fact]
    public async Task No_code_fix_is_offered_for_an_initializer_which_cannot_await()
    {
        var source = Usings + """
            WebApplication.CreateBuilder(args).Build().Run();

            public class TemplatesController : ControllerBase
            {
                private readonly int _version = Loader.LoadAsync().Result;

                [HttpGet]
                public async Task<int> Get() { await Task.Yield(); return Loader.LoadAsync().Result + _version; }
            }

            public static class Loader
            {
                public static async Task<int> LoadAsync() { await Task.Yield(); return 1; }
            }
            """;
        var compilation = CSharpCompilation.Create(
            "App",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp12))],
            Net8References.WebApp,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication));
        var diagnostics = await compilation.WithAnalyzers([new RequestPathAnalyzer()]).GetAnalyzerDiagnosticsAsync();

        var hk1001 = diagnostics.Where(d => d.Id == "HK1001").OrderBy(d => d.Location.SourceSpan.Start).ToList();
        Assert.Equal(2, hk1001.Count);
        Assert.False(hk1001[0].Properties.ContainsKey(Descriptors.FixKindProperty), "the initializer's finding offers a fix");
        Assert.True(hk1001[1].Properties.ContainsKey(Descriptors.FixKindProperty), "the action's finding lost its fix");
    }
}
