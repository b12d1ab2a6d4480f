using System.Collections.Generic;

namespace HerokuAnalyzers.Tasks.Reporting
{
    /// <summary>Every rule the MSBuild tasks check. Each has docs/rules/&lt;Id&gt;.md and a README row.</summary>
    internal static class TaskRules
    {
        public static readonly TaskRule ProcfileSyntax = new TaskRule(
            "HK4001", "Procfile line the Cloud Native Buildpack cannot parse", FindingSeverity.Error, "build fails (Fir / heroku/builder)");

        public static readonly TaskRule ServerGcOnSmallDyno = new TaskRule(
            "HK2005", "Server GC without DATAS on a small dyno", FindingSeverity.Warning, "R14 memory quota exceeded, R15 restart");

        public static readonly TaskRule ProcfileDialectMismatch = new TaskRule(
            "HK4002", "Procfile line Heroku's two parsers read differently", FindingSeverity.Warning, "H14 no web dynos (process missing or renamed on Cedar or Fir)");

        public static readonly TaskRule ProcfileDuplicateType = new TaskRule(
            "HK4003", "Process type defined more than once", FindingSeverity.Warning, "earlier definition silently ignored");

        public static readonly TaskRule ProcfileMisnamed = new TaskRule(
            "HK4004", "Procfile has a name Heroku does not read", FindingSeverity.Warning, "Procfile ignored, H14 no web dynos");

        public static readonly TaskRule ProcfileNeedsSdk = new TaskRule(
            "HK4005", "Procfile command needs the .NET SDK, which dynos do not have", FindingSeverity.Warning, "H10 app crashed");

        public static readonly TaskRule ReleaseNeedsSdk = new TaskRule(
            "HK4006", "Release command needs the .NET SDK, which the release phase does not have", FindingSeverity.Error, "release fails");

        public static readonly TaskRule ProcfilePublishPath = new TaskRule(
            "HK4007", "Procfile does not run the app where the .NET buildpack publishes it", FindingSeverity.Warning, "H10 app crashed");

        public static readonly TaskRule ProcfileWindowsSyntax = new TaskRule(
            "HK4008", "Windows command syntax in the Procfile", FindingSeverity.Warning, "R10 boot timeout, H10 app crashed");

        public static readonly TaskRule AppJsonSyntax = new TaskRule(
            "HK5001", "app.json is not valid JSON", FindingSeverity.Error, "app setup fails (Review Apps, Heroku Button, Heroku CI)");

        public static readonly TaskRule AppJsonUnknownKey = new TaskRule(
            "HK5002", "app.json key Heroku does not read", FindingSeverity.Warning, "setting silently ignored at app setup");

        public static readonly TaskRule AppJsonWrongShape = new TaskRule(
            "HK5003", "app.json value of the wrong type or shape", FindingSeverity.Warning, "app setup fails or ignores the value");

        public static readonly TaskRule AppJsonNameLength = new TaskRule(
            "HK5004", "app.json name is too short or too long", FindingSeverity.Warning, "app setup rejects the manifest");

        public static readonly TaskRule AppJsonFormationType = new TaskRule(
            "HK5005", "app.json formation names a process type the app does not have", FindingSeverity.Warning, "app setup fails (no such process type)");

        public static readonly TaskRule AppJsonFormationValue = new TaskRule(
            "HK5006", "app.json formation quantity or size Heroku does not accept", FindingSeverity.Error, "app setup fails (invalid formation)");

        public static readonly TaskRule AppJsonRetiredSize = new TaskRule(
            "HK5007", "app.json formation uses a retired dyno size", FindingSeverity.Warning, "app setup fails (retired dyno size)");

        public static readonly TaskRule AppJsonBuildpacks = new TaskRule(
            "HK5008", "app.json buildpacks do not build the .NET app last", FindingSeverity.Warning, "H14 no web dynos (wrong buildpack sets the process types)");

        public static readonly TaskRule AppJsonCommunityBuildpack = new TaskRule(
            "HK5009", "app.json uses an old community .NET buildpack", FindingSeverity.Warning, "build fails or H10 app crashed (unmaintained buildpack)");

        public static readonly TaskRule AppJsonStack = new TaskRule(
            "HK5010", "app.json stack is unknown or end-of-life", FindingSeverity.Warning, "app setup fails (stack not available)");

        public static readonly TaskRule AppJsonSecret = new TaskRule(
            "HK5011", "Secret committed as an app.json env value", FindingSeverity.Warning, "secret copied into every app created from the repository");

        public static readonly TaskRule HerokuYmlSyntax = new TaskRule(
            "HK6001", "heroku.yml is not valid YAML", FindingSeverity.Error, "build fails (heroku.yml cannot be parsed)");

        public static readonly TaskRule HerokuYmlShape = new TaskRule(
            "HK6002", "heroku.yml section or key Heroku does not read", FindingSeverity.Warning, "build fails or setting silently ignored");

        public static readonly TaskRule HerokuYmlDockerfileMissing = new TaskRule(
            "HK6003", "heroku.yml names a Dockerfile that does not exist", FindingSeverity.Error, "build fails (Dockerfile not found)");

        public static readonly TaskRule HerokuYmlBuildpacks = new TaskRule(
            "HK6004", "heroku.yml builds with buildpacks, which Heroku no longer supports", FindingSeverity.Warning, "build fails (only Docker builds are supported)");

        public static readonly TaskRule HerokuYamlMisnamed = new TaskRule(
            "HK6005", "heroku.yaml is not read; Heroku reads heroku.yml", FindingSeverity.Warning, "build fails (no heroku.yml on the container stack)");

        public static readonly TaskRule SlugIgnoreRemovesBuildInput = new TaskRule(
            "HK7010", ".slugignore removes files the .NET build needs", FindingSeverity.Error, "build fails (buildpack detect or publish)");

        public static readonly TaskRule SlugIgnoreNegation = new TaskRule(
            "HK7011", ".slugignore negation is not supported", FindingSeverity.Warning, "files removed although negated");

        public static readonly TaskRule SlugIgnoreMatchesNothing = new TaskRule(
            "HK7012", ".slugignore pattern matches nothing", FindingSeverity.Suggestion, "slug not reduced as intended");

        public static readonly TaskRule SlugAboveSoftLimit = new TaskRule(
            "HK7001", "Compressed slug above Heroku's soft size limit", FindingSeverity.Warning, "slow boot (slug above the soft limit)");

        public static readonly TaskRule SlugAboveMaximum = new TaskRule(
            "HK7002", "Compressed slug above Heroku's maximum slug size", FindingSeverity.Error, "push rejected (compiled slug size is too large)");

        public static readonly TaskRule SecretInSlug = new TaskRule(
            "HK7003", "Secret or local-only file would ship in the slug", FindingSeverity.Warning, "secrets and local settings shipped to every dyno");

        public static readonly TaskRule WrongPlatform = new TaskRule(
            "HK7004", "Built for a platform the .NET buildpack does not build", FindingSeverity.Warning, "build fails (unsupported target framework or SDK)");

        public static readonly TaskRule CommittedHerokuCredential = new TaskRule(
            "HK8007", "Heroku credentials committed to the repository", FindingSeverity.Warning, "credentials exposed for good, and broken once Heroku rotates them");

        public static IReadOnlyList<TaskRule> All { get; } = new[]
        {
            ServerGcOnSmallDyno,
            ProcfileSyntax,
            ProcfileDialectMismatch,
            ProcfileDuplicateType,
            ProcfileMisnamed,
            ProcfileNeedsSdk,
            ReleaseNeedsSdk,
            ProcfilePublishPath,
            ProcfileWindowsSyntax,
            AppJsonSyntax,
            AppJsonUnknownKey,
            AppJsonWrongShape,
            AppJsonNameLength,
            AppJsonFormationType,
            AppJsonFormationValue,
            AppJsonRetiredSize,
            AppJsonBuildpacks,
            AppJsonCommunityBuildpack,
            AppJsonStack,
            AppJsonSecret,
            HerokuYmlSyntax,
            HerokuYmlShape,
            HerokuYmlDockerfileMissing,
            HerokuYmlBuildpacks,
            HerokuYamlMisnamed,
            SlugIgnoreRemovesBuildInput,
            SlugIgnoreNegation,
            SlugIgnoreMatchesNothing,

            SlugAboveSoftLimit,
            SlugAboveMaximum,
            SecretInSlug,
            WrongPlatform,
            CommittedHerokuCredential,
        };
    }
}
