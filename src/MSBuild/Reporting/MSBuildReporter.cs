using System.Collections.Generic;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace HerokuAnalyzers.Tasks.Reporting
{
    /// <summary>
    /// Writes findings in the compiler's canonical form, <c>file(line,col): warning HKnnnn: text</c>:
    /// no subcategory and no end position, so that CI problem matchers (setup-dotnet's csc.json)
    /// turn them into annotations; the help link points at the rule's page.
    /// </summary>
    internal static class MSBuildReporter
    {
        public static void Report(TaskLoggingHelper log, IEnumerable<Finding> findings, SeverityPolicy policy)
        {
            foreach (var finding in findings)
            {
                var severity = policy.Apply(finding.Rule);

                // Analyzer messages end with their help link in parentheses; the console shows a task's HelpLink nowhere else.
                var message = finding.Message + " (" + finding.Rule.HelpLink + ")";
                switch (severity)
                {
                    case FindingSeverity.Error:
                        log.LogError(null, finding.Rule.Id, null, finding.Rule.HelpLink, finding.File, finding.Line, finding.Column, 0, 0, message);
                        break;
                    case FindingSeverity.Warning:
                        log.LogWarning(null, finding.Rule.Id, null, finding.Rule.HelpLink, finding.File, finding.Line, finding.Column, 0, 0, message);
                        break;
                    case FindingSeverity.Suggestion:
                        log.LogMessage(null, finding.Rule.Id, null, finding.File, finding.Line, finding.Column, 0, 0, MessageImportance.Normal, message);
                        break;
                }
            }
        }
    }
}
