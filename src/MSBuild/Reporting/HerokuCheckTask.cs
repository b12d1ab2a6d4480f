using System;
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

        /// <summary>
        /// True when the HerokuCheck gate runs the task (the target sets it): a check that could not run
        /// is then an error, so the gate never passes files it did not check.
        /// </summary>
        public bool Gate { get; set; }

        /// <summary>The .editorconfig and .globalconfig files the compiler receives (@(EditorConfigFiles)).</summary>
        public ITaskItem[] EditorConfigFiles { get; set; } = new ITaskItem[0];

        /// <summary>Each reported finding with metadata RuleId, Severity, Line, Column, Message, Title, HelpLink.</summary>
        [Output]
        public ITaskItem[] Findings { get; private set; } = new ITaskItem[0];

        /// <summary>
        /// What could not run and was reported as a warning (not in the gate, not strict). When one
        /// invocation builds and then runs HerokuCheck (<c>-t:Build;HerokuCheck</c>), the checks ran before the
        /// gate was set and do not run again; the HerokuCheck target fails on these instead.
        /// </summary>
        [Output]
        public string[] NotChecked => _notChecked.ToArray();

        private readonly List<string> _notChecked = new List<string>();

        public sealed override bool Execute()
        {
            List<Finding> findings;
            try
            {
                findings = new List<Finding>(Check());
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                // Defence in depth: a checker bug must not become MSB4018 and hide the compiler's findings.
                ReportCheckFailure(new CheckFailure("the checks of " + GetType().Name, "", ex));
                findings = new List<Finding>();
            }

            var paths = new List<string>();
            foreach (var file in EditorConfigFiles)
            {
                paths.Add(file.GetMetadata("FullPath"));
            }

            var policy = new SeverityPolicy(NoWarn, WarningsAsErrors, WarningsNotAsErrors, TreatWarningsAsErrors, Strict, EditorConfigSeverities.Load(paths));
            Findings = MSBuildReporter.Report(Log, findings, policy).ToArray();
            return !Log.HasLoggedErrors;
        }

        /// <summary>
        /// A check that threw instead of reporting. In a normal build a warning, so one bug does not fail
        /// the build; in HerokuStrict and in the HerokuCheck gate an error, so the gate fails closed.
        /// </summary>
        private protected void ReportCheckFailure(CheckFailure failure)
        {
            var failClosed = Strict || Gate;
            var message = "HerokuAnalyzers could not run " + failure.Check + (failure.File.Length > 0 ? " on " + failure.File : "")
                + " (" + failure.Exception.GetType().Name + ": " + failure.Exception.Message + "); the other checks ran. "
                + (failClosed ? "This fails " + (Gate ? "HerokuCheck" : "the build (HerokuStrict)") + " because the file was not fully checked. " : "Set HerokuStrict=true to make this an error. ")
                + "This is a bug in HerokuAnalyzers: please report it with the file.";
            if (failClosed)
            {
                Log.LogError(null, null, null, failure.File, 0, 0, 0, 0, message);
            }
            else
            {
                Log.LogWarning(null, null, null, failure.File, 0, 0, 0, 0, message);
                _notChecked.Add(failure.Check + (failure.File.Length > 0 ? " on " + failure.File : ""));
            }
        }

        /// <summary>Runs the checks. Unreadable or hostile input must become a finding, never an exception.</summary>
        private protected abstract IEnumerable<Finding> Check();
    }
}
