using System.Collections.Generic;
using HerokuAnalyzers.Heroku;
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

        /// <summary>
        /// Runs every check. With a <paramref name="guard"/> that records failures, each file's checks and
        /// each Procfile and .slugignore rule run on their own: one that throws is recorded and the others
        /// still report. Without one (<see cref="CheckGuard.Throwing"/>), the first exception propagates.
        /// </summary>
        public static List<Finding> Run(
            IReadOnlyDictionary<HerokuFileKind, string> files,
            IReadOnlyList<KeyValuePair<HerokuFileKind, string>> misnamed,
            ProjectFacts project,
            GcFacts? gc = null,
            IReadOnlyList<RetiredAddonPlan>? retiredAddonPlans = null,
            CheckGuard? guard = null)
        {
            guard = guard ?? CheckGuard.Throwing;
            var findings = new List<Finding>();
            ProcfileModel? procfile = null;
            if (files.TryGetValue(HerokuFileKind.Procfile, out var procfilePath))
            {
                procfile = guard.Load("reading the Procfile", procfilePath, () => ProcfileModel.Load(procfilePath));
                if (procfile != null)
                {
                    findings.AddRange(ProcfileChecks.Check(procfile, project, guard));
                }
            }

            HerokuYmlModel? herokuYml = null;
            if (files.TryGetValue(HerokuFileKind.HerokuYml, out var herokuYmlPath))
            {
                herokuYml = guard.Load("reading heroku.yml", herokuYmlPath, () => HerokuYmlModel.Load(herokuYmlPath));
                if (herokuYml != null)
                {
                    guard.Run("the heroku.yml checks (HK6xxx)", herokuYmlPath, () => findings.AddRange(HerokuYmlChecks.Check(herokuYml, project)));
                }
            }

            AppJsonModel? appJson = null;
            if (files.TryGetValue(HerokuFileKind.AppJson, out var appJsonPath))
            {
                appJson = guard.Load("reading app.json", appJsonPath, () => AppJsonModel.Load(appJsonPath));
                if (appJson != null)
                {
                    guard.Run("the app.json checks (HK5xxx)", appJsonPath, () =>
                    {
                        var processes = AppProcesses.From(procfile, herokuYml?.ProcessTypes, project);
                        findings.AddRange(AppJsonChecks.Check(appJson, processes, retiredAddonPlans));
                    });
                }
            }

            if (gc != null)
            {
                // HK2005 reads the web dyno size from the same app.json parse.
                guard.Run(TaskRules.HK2005_ServerGcOnSmallDyno.Id, gc.ProjectFile, () => findings.AddRange(GcSettingsChecks.Check(gc, appJson)));
            }

            if (files.TryGetValue(HerokuFileKind.SlugIgnore, out var slugIgnorePath))
            {
                var slugIgnore = guard.Load("reading .slugignore", slugIgnorePath, () => SlugIgnoreModel.Load(slugIgnorePath));
                if (slugIgnore != null)
                {
                    findings.AddRange(SlugIgnoreChecks.Check(slugIgnore, project, guard));
                }
            }

            foreach (var pair in misnamed)
            {
                guard.Run("the file name checks (HK4004, HK6005)", pair.Value, () => findings.AddRange(MisnamedFileChecks.Check(pair.Key, pair.Value)));
            }

            if (project.InspectFileSystem && !string.IsNullOrEmpty(project.RepositoryRoot))
            {
                guard.Run(TaskRules.HK8007_CommittedHerokuCredential.Id, project.RepositoryRoot!, () => findings.AddRange(Platform.CommittedCredentialsCheck.Check(project.RepositoryRoot!)));
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
