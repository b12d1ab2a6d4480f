using Microsoft.CodeAnalysis.Testing;
using Verify = HerokuAnalyzers.Analyzers.Tests.Verification.CodeFixVerifier<
    HerokuAnalyzers.RequestPath.RequestPathAnalyzer,
    HerokuAnalyzers.CodeFixes.RequestPath.AwaitOnRequestPathCodeFixProvider>;

namespace HerokuAnalyzers.Analyzers.Tests.RequestPath;

/// <summary>The await fix's test: source, expected fixed source (the source itself when no fix may be offered).</summary>
internal static class RequestPathFixTest
{
    /// <summary>
    /// HK1xxx are compilation-end diagnostics (the call graph needs every body), which the test framework
    /// refuses to fix unless told: the IDE and dotnet format fix them like any other.
    /// </summary>
    public static Verify.Test New(string source, string fixedSource) => new()
    {
        TestCode = source,
        FixedCode = fixedSource,
        CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
    };

    public static Task VerifyAsync(string source, string fixedSource) => New(source, fixedSource).RunAsync();
}
