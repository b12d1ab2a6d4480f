using System.Collections.Generic;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace HerokuAnalyzers.Tasks.Reporting
{
    /// <summary>
    /// What every checking task shares: the project's severity settings in, findings out. Findings are
    /// logged in the compiler's form and also returned as items, so that one SARIF file can gather the
    /// findings of every check of a project.
    /// </summary>
    public abstract class HerokuCheckTask : Task
    {
        public string? NoWarn { get; set; }

        public string? WarningsAsErrors { get; set; }

        public string? WarningsNotAsErrors { get; set; }

        public bool TreatWarningsAsErrors { get; set; }

        /// <summary>HerokuStrict: every HK warning is an error (rules switched off stay off).</summary>
        public bool Strict { get; set; }

        /// <summary>The .editorconfig and .globalconfig files the compiler receives (@(EditorConfigFiles)).</summary>
        public ITaskItem[] EditorConfigFiles { get; set; } = new ITaskItem[0];

        /// <summary>Each reported finding with metadata RuleId, Severity, Line, Column, Message, Title, HelpLink.</summary>
        [Output]
        public ITaskItem[] Findings { get; private set; } = new ITaskItem[0];

        public sealed override bool Execute()
        {
            var findings = Check();
            var paths = new List<string>();
            foreach (var file in EditorConfigFiles)
            {
                paths.Add(file.GetMetadata("FullPath"));
            }

            var policy = new SeverityPolicy(NoWarn, WarningsAsErrors, WarningsNotAsErrors, TreatWarningsAsErrors, Strict, EditorConfigSeverities.Load(paths));
            Findings = MSBuildReporter.Report(Log, findings, policy).ToArray();
            return !Log.HasLoggedErrors;
        }

        /// <summary>Runs the checks. Unreadable or hostile input must become a finding, never an exception.</summary>
        private protected abstract IEnumerable<Finding> Check();
    }
}
