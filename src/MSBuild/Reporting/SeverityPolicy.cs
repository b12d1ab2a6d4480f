using System;
using System.Collections.Generic;

namespace HerokuAnalyzers.Tasks.Reporting
{
    /// <summary>
    /// Decides how a task finding is reported, the way the compiler decides it for analyzer diagnostics:
    /// NoWarn and an .editorconfig severity of none/silent switch a rule off; .editorconfig can change a
    /// rule's severity; WarningsAsErrors, TreatWarningsAsErrors and HerokuStrict turn warnings into
    /// errors unless WarningsNotAsErrors lists them. MSBuild alone would honour only NoWarn and
    /// WarningsAsErrors for task warnings.
    /// </summary>
    internal sealed class SeverityPolicy
    {
        private readonly HashSet<string> _noWarn;
        private readonly HashSet<string> _warningsAsErrors;
        private readonly HashSet<string> _warningsNotAsErrors;
        private readonly bool _allWarningsAsErrors;
        private readonly EditorConfigSeverities _editorConfig;

        public SeverityPolicy(
            string? noWarn,
            string? warningsAsErrors,
            string? warningsNotAsErrors,
            bool treatWarningsAsErrors,
            bool strict = false,
            EditorConfigSeverities? editorConfig = null)
        {
            _noWarn = ParseList(noWarn);
            _warningsAsErrors = ParseList(warningsAsErrors);
            _warningsNotAsErrors = ParseList(warningsNotAsErrors);
            _allWarningsAsErrors = treatWarningsAsErrors || strict;
            _editorConfig = editorConfig ?? EditorConfigSeverities.Empty;
        }

        public static SeverityPolicy Default { get; } = new SeverityPolicy(null, null, null, false);

        /// <summary>The severity to report with, or null when the project switched the rule off.</summary>
        public FindingSeverity? Apply(TaskRule rule, string file)
        {
            if (_noWarn.Contains(rule.Id))
            {
                return null;
            }

            FindingSeverity severity;
            switch (_editorConfig.Find(rule.Id, file))
            {
                case ConfiguredSeverity.None:
                    return null;
                case ConfiguredSeverity.Suggestion:
                    severity = FindingSeverity.Suggestion;
                    break;
                case ConfiguredSeverity.Warning:
                    severity = FindingSeverity.Warning;
                    break;
                case ConfiguredSeverity.Error:
                    severity = FindingSeverity.Error;
                    break;
                default:
                    severity = rule.DefaultSeverity;
                    break;
            }

            if (severity != FindingSeverity.Warning || _warningsNotAsErrors.Contains(rule.Id))
            {
                return severity;
            }

            return _allWarningsAsErrors || _warningsAsErrors.Contains(rule.Id) ? FindingSeverity.Error : FindingSeverity.Warning;
        }

        private static HashSet<string> ParseList(string? list)
        {
            var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            if (string.IsNullOrEmpty(list))
            {
                return set;
            }

            foreach (var part in list!.Split(new[] { ';', ',', ' ', '\t', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries))
            {
                set.Add(part.Trim());
            }

            return set;
        }
    }
}
