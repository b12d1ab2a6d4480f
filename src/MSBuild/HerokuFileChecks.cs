using System.Collections.Generic;
using HerokuAnalyzers.Tasks.AppJson;
using HerokuAnalyzers.Tasks.Files;
using HerokuAnalyzers.Tasks.HerokuYml;
using HerokuAnalyzers.Tasks.Memory;
using HerokuAnalyzers.Tasks.Procfile;
using HerokuAnalyzers.Tasks.Reporting;
using HerokuAnalyzers.Tasks.SlugIgnore;

namespace HerokuAnalyzers.Tasks
{
    /// <summary>
    /// Runs every file check over one app's Heroku files: each file parsed once into its model, every
    /// checks class reading the models it needs. The MSBuild task and the pre-push gate both call this.
    /// </summary>
    internal static class HerokuFileChecks
    {
        /// <summary>A generated or hostile file must not flood the build log: the first findings show the problem.</summary>
        public const int MaxFindingsPerRuleAndFile = 50;

        public static List<Finding> Run(
            IReadOnlyDictionary<HerokuFileKind, string> files,
            IReadOnlyList<KeyValuePair<HerokuFileKind, string>> misnamed,
            ProjectFacts project,
            GcFacts? gc = null)
        {
            var findings = new List<Finding>();
            ProcfileModel? procfile = null;
            if (files.TryGetValue(HerokuFileKind.Procfile, out var procfilePath))
            {
                procfile = ProcfileModel.Load(procfilePath);
                findings.AddRange(ProcfileChecks.Check(procfile, project));
            }

            HerokuYmlModel? herokuYml = null;
            if (files.TryGetValue(HerokuFileKind.HerokuYml, out var herokuYmlPath))
            {
                herokuYml = HerokuYmlModel.Load(herokuYmlPath);
                findings.AddRange(HerokuYmlChecks.Check(herokuYml, project));
            }

            AppJsonModel? appJson = null;
            if (files.TryGetValue(HerokuFileKind.AppJson, out var appJsonPath))
            {
                appJson = AppJsonModel.Load(appJsonPath);
                var processes = AppProcesses.From(procfile, herokuYml?.ProcessTypes, project);
                findings.AddRange(AppJsonChecks.Check(appJson, processes));
            }

            if (gc != null)
            {
                // HK2005 reads the web dyno size from the same app.json parse.
                findings.AddRange(GcSettingsChecks.Check(gc, appJson));
            }

            if (files.TryGetValue(HerokuFileKind.SlugIgnore, out var slugIgnorePath))
            {
                findings.AddRange(SlugIgnoreChecks.Check(SlugIgnoreModel.Load(slugIgnorePath), project));
            }

            foreach (var pair in misnamed)
            {
                findings.AddRange(MisnamedFileChecks.Check(pair.Key, pair.Value));
            }

            if (project.InspectFileSystem && !string.IsNullOrEmpty(project.RepositoryRoot))
            {
                findings.AddRange(Platform.CommittedCredentialsCheck.Check(project.RepositoryRoot!));
            }

            findings.Sort(CompareFindings);
            return Capped(findings);
        }

        private static List<Finding> Capped(List<Finding> findings)
        {
            var counts = new Dictionary<string, int>(System.StringComparer.Ordinal);
            var kept = new List<Finding>(findings.Count);
            foreach (var finding in findings)
            {
                var key = finding.File + "|" + finding.Rule.Id;
                counts.TryGetValue(key, out var count);
                counts[key] = count + 1;
                if (count < MaxFindingsPerRuleAndFile)
                {
                    kept.Add(finding);
                }
            }

            return kept;
        }

        private static int CompareFindings(Finding a, Finding b)
        {
            var byFile = string.CompareOrdinal(a.File, b.File);
            if (byFile != 0)
            {
                return byFile;
            }

            return a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Column.CompareTo(b.Column);
        }
    }
}
