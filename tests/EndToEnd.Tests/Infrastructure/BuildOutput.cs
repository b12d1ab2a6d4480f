using System.Text.RegularExpressions;

namespace HerokuAnalyzers.EndToEnd.Tests.Infrastructure;

/// <summary>Reads the HK diagnostics out of console build output (canonical compiler form).</summary>
public static partial class BuildOutput
{
    /// <summary>Each distinct HK diagnostic as <c>relative/path(line,col): severity HKnnnn</c>, sorted.</summary>
    public static List<string> Diagnostics(string output, string root)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n'))
        {
            var match = DiagnosticLine().Match(line.TrimEnd('\r').Trim());
            if (!match.Success)
            {
                continue;
            }

            var file = match.Groups["file"].Value;
            if (Path.IsPathRooted(file))
            {
                file = Path.GetRelativePath(root, file);
            }

            found.Add($"{file.Replace('\\', '/')}({match.Groups["line"].Value},{match.Groups["col"].Value}): {match.Groups["severity"].Value} {match.Groups["id"].Value}");
        }

        return found.ToList();
    }

    [GeneratedRegex(@"^(?<file>[^(\s][^(]*)\((?<line>\d+),(?<col>\d+)\): (?<severity>warning|error) (?<id>HK\d{4}): ")]
    private static partial Regex DiagnosticLine();
}
