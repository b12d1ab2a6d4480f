using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using HerokuAnalyzers.Heroku;
using HerokuAnalyzers.Tasks.Reporting;

namespace HerokuAnalyzers.Tasks.Project
{
    /// <summary>
    /// HK7004: project settings that make what is built here differ from what the buildpack builds — a
    /// RID other than the buildpack's, a TargetFramework it does not build, and the SDK choice it makes
    /// from a solution's TFMs when no global.json pins one (docs/heroku-facts.md#buildpack-sdk, #buildpack-publish). Reads only the
    /// project's properties, the root solution and the project files it names, so it runs on every
    /// build and in HerokuCheck. Reported at the project file.
    /// </summary>
    internal static class PlatformChecks
    {
        private static readonly Regex TargetFrameworkElement = new Regex(@"<TargetFramework>\s*([^<\s]+)\s*</TargetFramework>", RegexOptions.CultureInvariant);

        private static readonly Regex BuildpackTfm = new Regex(@"^net(?<major>\d{1,4})\.0$", RegexOptions.CultureInvariant);

        private static readonly Regex GlobalJsonSdk = new Regex(@"""sdk""\s*:", RegexOptions.CultureInvariant);

        public static List<Finding> Check(string projectFile, string? targetFramework, string? runtimeIdentifier, string? repositoryRoot)
        {
            var findings = new List<Finding>();
            if (!string.IsNullOrEmpty(runtimeIdentifier) && !HerokuFacts.BuildpackRuntimeIdentifiers.Contains(runtimeIdentifier, StringComparer.OrdinalIgnoreCase))
            {
                findings.Add(At(projectFile, "this project builds for RuntimeIdentifier '" + runtimeIdentifier + "', but Heroku dynos run Linux and the buildpack publishes for "
                    + string.Join(" or ", HerokuFacts.BuildpackRuntimeIdentifiers) + ": what is built or published here, and anything committed from it, does not run on a dyno; use -r linux-x64 to see what Heroku builds"));
            }

            if (!string.IsNullOrEmpty(targetFramework) && !IsSupported(targetFramework!))
            {
                findings.Add(At(projectFile, "TargetFramework '" + targetFramework + "' is not one the .NET buildpack builds (" + string.Join(", ", HerokuFacts.SupportedTargetFrameworks)
                    + "): the Heroku build fails with 'Unsupported target framework' or finds no SDK; target one of those"));
            }

            if (!string.IsNullOrEmpty(repositoryRoot))
            {
                var mixed = MixedFrameworks(repositoryRoot!);
                if (mixed != null)
                {
                    findings.Add(At(projectFile, mixed));
                }
            }

            return findings;
        }

        private static bool IsSupported(string targetFramework) => HerokuFacts.SupportedTargetFrameworks.Contains(targetFramework, StringComparer.OrdinalIgnoreCase);

        /// <summary>
        /// The buildpack's SDK is the one of the largest TFM compared as a string, so "net9.0" beats
        /// "net10.0" and the net10.0 projects cannot build (NETSDK1045). Null when nothing goes wrong.
        /// </summary>
        private static string? MixedFrameworks(string root)
        {
            var globalJson = Path.Combine(root, HerokuFacts.GlobalJsonName);
            if (GlobalJsonSdk.IsMatch(SolutionFile.ReadOrEmpty(globalJson)))
            {
                return null;
            }

            // With several root solutions and no configuration the buildpack stops before choosing an SDK (docs/heroku-facts.md#buildpack-detect).
            var solutions = SolutionFile.AtRoot(root);
            if (solutions.Count != 1)
            {
                return null;
            }

            var solution = solutions[0];

            var frameworks = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var project in SolutionFile.Projects(solution))
            {
                var match = TargetFrameworkElement.Matches(SolutionFile.ReadOrEmpty(project)).Cast<Match>().LastOrDefault();
                if (match != null && BuildpackTfm.IsMatch(match.Groups[1].Value))
                {
                    frameworks[match.Groups[1].Value.ToLowerInvariant()] = Path.GetFileName(project);
                }
            }

            if (frameworks.Count < 2)
            {
                return null;
            }

            var chosen = frameworks.Keys.Last();
            var newest = frameworks.Keys.OrderBy(Major).Last();
            if (Major(chosen) >= Major(newest))
            {
                return null;
            }

            return "without an sdk version in global.json the buildpack picks the SDK from the largest TargetFramework compared as text: in "
                + Path.GetFileName(solution) + " '" + chosen + "' sorts after '" + newest + "', so it installs the " + Major(chosen) + ".0 SDK, which cannot build "
                + frameworks[newest] + " (" + newest + ", NETSDK1045) and the Heroku build fails; add a global.json with \"sdk\": { \"version\": \"" + Major(newest) + ".0.100\", \"rollForward\": \"latestFeature\" }";
        }

        private static int Major(string tfm) => int.Parse(BuildpackTfm.Match(tfm).Groups["major"].Value, System.Globalization.CultureInfo.InvariantCulture);

        private static Finding At(string projectFile, string message) => new Finding(TaskRules.HK7004_WrongPlatform, projectFile, 1, 1, message);
    }
}
