using System.Collections.Generic;

namespace HerokuAnalyzers.Tasks.Reporting
{
    /// <summary>Every rule the MSBuild tasks check. Each has docs/rules/&lt;Id&gt;.md and a README row.</summary>
    internal static class TaskRules
    {
        public static readonly TaskRule ProcfileSyntax = new TaskRule(
            "HK4001", "Procfile line the Cloud Native Buildpack cannot parse", FindingSeverity.Error, "build fails (Fir / heroku/builder)");

        public static IReadOnlyList<TaskRule> All { get; } = new[]
        {
            ProcfileSyntax,
        };
    }
}
