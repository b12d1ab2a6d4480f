using System;
using System.Collections.Generic;

namespace HerokuAnalyzers.Tasks.Reporting
{
    /// <summary>
    /// Applies the project's NoWarn / WarningsAsErrors / WarningsNotAsErrors / TreatWarningsAsErrors to
    /// task findings the way the compiler applies them to analyzer diagnostics. MSBuild itself only maps
    /// NoWarn and WarningsAsErrors for task warnings, and not TreatWarningsAsErrors.
    /// </summary>
    internal sealed class SeverityPolicy
    {
        private readonly HashSet<string> _noWarn;
        private readonly HashSet<string> _warningsAsErrors;
        private readonly HashSet<string> _warningsNotAsErrors;
        private readonly bool _treatWarningsAsErrors;

        public SeverityPolicy(string? noWarn, string? warningsAsErrors, string? warningsNotAsErrors, bool treatWarningsAsErrors)
        {
            _noWarn = ParseList(noWarn);
            _warningsAsErrors = ParseList(warningsAsErrors);
            _warningsNotAsErrors = ParseList(warningsNotAsErrors);
            _treatWarningsAsErrors = treatWarningsAsErrors;
        }

        public static SeverityPolicy Default { get; } = new SeverityPolicy(null, null, null, false);

        /// <summary>The severity to report with, or null when the project switched the rule off.</summary>
        public FindingSeverity? Apply(TaskRule rule)
        {
            if (_noWarn.Contains(rule.Id))
            {
                return null;
            }

            if (rule.DefaultSeverity != FindingSeverity.Warning)
            {
                return rule.DefaultSeverity;
            }

            if (_warningsNotAsErrors.Contains(rule.Id))
            {
                return FindingSeverity.Warning;
            }

            return _treatWarningsAsErrors || _warningsAsErrors.Contains(rule.Id) ? FindingSeverity.Error : FindingSeverity.Warning;
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
