using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace HerokuAnalyzers.Tasks.Project
{
    /// <summary>The root solutions the buildpack looks at (docs/heroku-facts.md#buildpack-detect) and the projects they name.</summary>
    internal static class SolutionFile
    {
        private static readonly Regex SlnProject = new Regex(@"^Project\(""\{[^}]*\}""\)\s*=\s*""[^""]*""\s*,\s*""(?<path>[^""]+)""", RegexOptions.CultureInvariant | RegexOptions.Multiline);

        private static readonly Regex SlnxProject = new Regex(@"<Project\s[^>]*Path=""(?<path>[^""]+)""", RegexOptions.CultureInvariant);

        /// <summary>The .sln and .slnx files in the root folder; the buildpack matches the extension case-sensitively.</summary>
        public static List<string> AtRoot(string root)
        {
            try
            {
                return Directory.EnumerateFiles(root)
                    .Where(f => f.EndsWith(".sln", StringComparison.Ordinal) || f.EndsWith(".slnx", StringComparison.Ordinal))
                    .OrderBy(f => f, StringComparer.Ordinal)
                    .ToList();
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return new List<string>();
            }
        }

        /// <summary>Absolute paths of the project files the solution names.</summary>
        public static IEnumerable<string> Projects(string solution)
        {
            var pattern = solution.EndsWith(".slnx", StringComparison.Ordinal) ? SlnxProject : SlnProject;
            var folder = Path.GetDirectoryName(solution)!;
            foreach (Match match in pattern.Matches(ReadOrEmpty(solution)))
            {
                var relative = match.Groups["path"].Value.Replace('\\', '/');
                if (relative.EndsWith("proj", StringComparison.OrdinalIgnoreCase))
                {
                    yield return Path.GetFullPath(Path.Combine(folder, relative.Replace('/', Path.DirectorySeparatorChar)));
                }
            }
        }

        public static string ReadOrEmpty(string path)
        {
            try
            {
                return File.Exists(path) ? File.ReadAllText(path) : "";
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return "";
            }
        }
    }
}
