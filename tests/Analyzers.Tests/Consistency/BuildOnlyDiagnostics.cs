using Microsoft.CodeAnalysis;

namespace HerokuAnalyzers.Analyzers.Tests.Consistency;

/// <summary>
/// THE one list of diagnostics the build reports and an editor's open-file analysis does not. Every
/// entry says why. The editor/build consistency tests allow exactly these and nothing else; README
/// ("In the editor") and each rule page say the same.
/// </summary>
internal static class BuildOnlyDiagnostics
{
    public static readonly IReadOnlyList<(string Id, Func<Diagnostic, bool> Applies, string Why)> Entries =
    [
    ];

    public static bool IsBuildOnly(Diagnostic diagnostic)
        => Entries.Any(entry => entry.Id == diagnostic.Id && entry.Applies(diagnostic));
}
