using System.Collections.Generic;

namespace HerokuAnalyzers.Tasks.Reporting
{
    /// <summary>Every rule the MSBuild tasks check. Each has docs/rules/&lt;Id&gt;.md and a README row.</summary>
    internal static class TaskRules
    {
        public static readonly TaskRule ProcfileSyntax = new TaskRule(
            "HK4001", "Procfile line the Cloud Native Buildpack cannot parse", FindingSeverity.Error, "build fails (Fir / heroku/builder)");

        public static readonly TaskRule SlugAboveSoftLimit = new TaskRule(
            "HK7001", "Compressed slug above Heroku's soft size limit", FindingSeverity.Warning, "slow boot (slug above the soft limit)");

        public static readonly TaskRule SlugAboveMaximum = new TaskRule(
            "HK7002", "Compressed slug above Heroku's maximum slug size", FindingSeverity.Error, "push rejected (compiled slug size is too large)");

        public static readonly TaskRule SecretInSlug = new TaskRule(
            "HK7003", "Secret or local-only file would ship in the slug", FindingSeverity.Warning, "secrets and local settings shipped to every dyno");

        public static readonly TaskRule WrongPlatform = new TaskRule(
            "HK7004", "Built for a platform the .NET buildpack does not build", FindingSeverity.Warning, "build fails (unsupported target framework or SDK)");

        public static IReadOnlyList<TaskRule> All { get; } = new[]
        {
            ProcfileSyntax,
            SlugAboveSoftLimit,
            SlugAboveMaximum,
            SecretInSlug,
            WrongPlatform,
        };
    }
}
