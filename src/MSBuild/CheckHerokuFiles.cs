using System;
using System.Collections.Generic;
using HerokuAnalyzers.Tasks.Files;
using HerokuAnalyzers.Tasks.Procfile;
using HerokuAnalyzers.Tasks.Reporting;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace HerokuAnalyzers.Tasks
{
    /// <summary>
    /// Checks the Heroku files found by <see cref="ResolveHerokuFiles"/> and reports every finding at
    /// its file, line and column. Never fails with an exception: unreadable input is a finding.
    /// </summary>
    public sealed class CheckHerokuFiles : Task
    {
        /// <summary>Items with metadata HerokuFileKind, as <see cref="ResolveHerokuFiles"/> returns them.</summary>
        public ITaskItem[] HerokuFiles { get; set; } = new ITaskItem[0];

        public string? NoWarn { get; set; }

        public string? WarningsAsErrors { get; set; }

        public string? WarningsNotAsErrors { get; set; }

        public bool TreatWarningsAsErrors { get; set; }

        public override bool Execute()
        {
            var findings = new List<Finding>();
            foreach (var item in HerokuFiles)
            {
                if (!Enum.TryParse(item.GetMetadata("HerokuFileKind"), out HerokuFileKind kind))
                {
                    continue;
                }

                var path = item.GetMetadata("FullPath");
                switch (kind)
                {
                    case HerokuFileKind.Procfile:
                        findings.AddRange(ProcfileChecks.Check(path));
                        break;
                }
            }

            var policy = new SeverityPolicy(NoWarn, WarningsAsErrors, WarningsNotAsErrors, TreatWarningsAsErrors);
            MSBuildReporter.Report(Log, findings, policy);
            return !Log.HasLoggedErrors;
        }
    }
}
