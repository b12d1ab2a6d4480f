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
        /// <summary>Logs each finding with its effective severity and returns the reported ones as items.</summary>
        public static List<ITaskItem> Report(TaskLoggingHelper log, IEnumerable<Finding> findings, SeverityPolicy policy)
        {
            var reported = new List<ITaskItem>();
            foreach (var finding in findings)
            {
                var severity = policy.Apply(finding.Rule, finding.File);
                if (severity == null)
                {
                    continue;
                }

                // Analyzer messages end with their help link in parentheses; the console shows a task's HelpLink nowhere else.
                var message = finding.Message + " (" + finding.Rule.HelpLink + ")";
                switch (severity.Value)
                {
                    case FindingSeverity.Error:
                        log.LogError(null, finding.Rule.Id, null, finding.Rule.HelpLink, finding.File, finding.Line, finding.Column, 0, 0, message);
                        break;
                    case FindingSeverity.Warning:
                        log.LogWarning(null, finding.Rule.Id, null, finding.Rule.HelpLink, finding.File, finding.Line, finding.Column, 0, 0, message);
                        break;
                    default:
                        log.LogMessage(null, finding.Rule.Id, null, finding.File, finding.Line, finding.Column, 0, 0, MessageImportance.High, message);
                        break;
                }

                reported.Add(ToItem(finding, severity.Value));
            }

            return reported;
        }

        private static ITaskItem ToItem(Finding finding, FindingSeverity severity)
        {
            var item = new TaskItem(finding.File);
            item.SetMetadata("RuleId", finding.Rule.Id);
            item.SetMetadata("Severity", severity.ToString());
            item.SetMetadata("Line", finding.Line.ToString(System.Globalization.CultureInfo.InvariantCulture));
            item.SetMetadata("Column", finding.Column.ToString(System.Globalization.CultureInfo.InvariantCulture));
            item.SetMetadata("Message", finding.Message);
            item.SetMetadata("Title", finding.Rule.Title);
            item.SetMetadata("HelpLink", finding.Rule.HelpLink);
            return item;
        }
    }
}
