using System;
using System.Collections.Generic;
using HerokuAnalyzers.Heroku;
using HerokuAnalyzers.Tasks.Files;
using HerokuAnalyzers.Tasks.Memory;
using HerokuAnalyzers.Tasks.Procfile;
using HerokuAnalyzers.Tasks.Reporting;
using Microsoft.Build.Framework;

namespace HerokuAnalyzers.Tasks
{
    /// <summary>
    /// Checks the Heroku files found by <see cref="ResolveHerokuFiles"/> and reports every finding at
    /// its file, line and column. Each file is read and parsed once; checks that need another file's
    /// content (app.json formation vs the Procfile) share that parse. Never fails with an exception:
    /// unreadable input is a finding, and a check that throws is reported as not run (an error in the
    /// gate and in HerokuStrict) while the other checks still report.
    /// </summary>
    public sealed class CheckHerokuFiles : HerokuCheckTask
    {
        /// <summary>Items with metadata HerokuFileKind, as <see cref="ResolveHerokuFiles"/> returns them.</summary>
        public ITaskItem[] HerokuFiles { get; set; } = new ITaskItem[0];

        /// <summary>Files Heroku ignores because of their name, as ResolveHerokuFiles' MisnamedHerokuFiles.</summary>
        public ITaskItem[] MisnamedHerokuFiles { get; set; } = new ITaskItem[0];

        public string? ProjectDirectory { get; set; }

        public string? AssemblyName { get; set; }

        public string? RepositoryRoot { get; set; }

        /// <summary>True for a Web SDK project, which the buildpack runs as the web process when there is no Procfile.</summary>
        public bool IsWebProject { get; set; }

        /// <summary>The project file, where project-level findings (HK2005) are reported.</summary>
        public string? ProjectFile { get; set; }

        public string? TargetFramework { get; set; }

        public string? ServerGarbageCollection { get; set; }

        /// <summary>True when the project chose its GC settings itself (the targets work that out).</summary>
        public bool GcSetByProject { get; set; }

        /// <summary>"container" when Heroku builds the app from a Dockerfile (ResolveHerokuFiles' DeployKind): buildpack-only rules do not apply.</summary>
        public string? DeployKind { get; set; }

        /// <summary>HerokuDynoSize: the web dyno size when app.json names none.</summary>
        public string? DynoSize { get; set; }

        /// <summary>
        /// HerokuRetiredAddonPlans: add-on plans app setup rejects (HK5012), "service:plan[=replacement]"
        /// separated by ';' or ','; empty for the documented default list.
        /// </summary>
        public string? RetiredAddonPlans { get; set; }

        private protected override IEnumerable<Finding> Check()
        {
            var files = new Dictionary<HerokuFileKind, string>();
            foreach (var item in HerokuFiles)
            {
                if (Enum.TryParse(item.GetMetadata("HerokuFileKind"), out HerokuFileKind kind) && !files.ContainsKey(kind))
                {
                    files.Add(kind, item.GetMetadata("FullPath"));
                }
            }

            var misnamed = new List<KeyValuePair<HerokuFileKind, string>>();
            foreach (var item in MisnamedHerokuFiles)
            {
                if (Enum.TryParse(item.GetMetadata("HerokuFileKind"), out HerokuFileKind kind))
                {
                    misnamed.Add(new KeyValuePair<HerokuFileKind, string>(kind, item.GetMetadata("FullPath")));
                }
            }

            var project = new ProjectFacts(ProjectDirectory, AssemblyName, RepositoryRoot, IsWebProject, inspectFileSystem: true);
            var gc = string.IsNullOrEmpty(ProjectFile) ? null : new GcFacts(ProjectFile!, TargetFramework, IsWebProject, ServerGarbageCollection, GcSetByProject, DynoSize);

            // Each file and each rule runs on its own; what could not run is reported, never skipped silently.
            var failures = new List<CheckFailure>();
            var findings = HerokuFileChecks.Run(files, misnamed, project, gc, AddonPlans.Parse(RetiredAddonPlans), new CheckGuard(failures) { BeforeCheck = BeforeCheck });
            foreach (var failure in failures)
            {
                ReportCheckFailure(failure);
            }

            if (DeployKind == DeployDetection.Container)
            {
                findings.RemoveAll(f => DeployDetection.IsBuildpackOnly(f.Rule.Id));
            }

            return findings;
        }

        /// <summary>Test seam: passed to the <see cref="CheckGuard"/>, so a test can make one named check throw.</summary>
        internal Action<string>? BeforeCheck { get; set; }
    }
}
