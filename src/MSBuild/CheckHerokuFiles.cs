using System;
using System.Collections.Generic;
using HerokuAnalyzers.Tasks.Files;
using HerokuAnalyzers.Tasks.Procfile;
using HerokuAnalyzers.Tasks.Reporting;
using Microsoft.Build.Framework;

namespace HerokuAnalyzers.Tasks
{
    /// <summary>
    /// Checks the Heroku files found by <see cref="ResolveHerokuFiles"/> and reports every finding at
    /// its file, line and column. Never fails with an exception: unreadable input is a finding.
    /// </summary>
    public sealed class CheckHerokuFiles : HerokuCheckTask
    {
        /// <summary>Items with metadata HerokuFileKind, as <see cref="ResolveHerokuFiles"/> returns them.</summary>
        public ITaskItem[] HerokuFiles { get; set; } = new ITaskItem[0];

        private protected override IEnumerable<Finding> Check()
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

            return findings;
        }
    }
}
