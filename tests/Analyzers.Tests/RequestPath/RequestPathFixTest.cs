using Verify = HerokuAnalyzers.Analyzers.Tests.Verification.CodeFixVerifier<
    HerokuAnalyzers.RequestPath.RequestPathAnalyzer,
    HerokuAnalyzers.CodeFixes.RequestPath.AwaitOnRequestPathCodeFixProvider>;

namespace HerokuAnalyzers.Analyzers.Tests.RequestPath;

/// <summary>The await fix's test: source, expected fixed source (the source itself when no fix may be offered).</summary>
internal static class RequestPathFixTest
{
    /// <summary>HK1xxx are reported per body (no compilation-end action), so the framework's local-diagnostic check runs too.</summary>
    public static Verify.Test New(string source, string fixedSource) => new()
    {
        TestCode = source,
        FixedCode = fixedSource,
    };

    public static Task VerifyAsync(string source, string fixedSource) => New(source, fixedSource).RunAsync();
}
