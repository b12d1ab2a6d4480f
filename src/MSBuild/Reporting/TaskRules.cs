using System.Collections.Generic;

namespace HerokuAnalyzers.Tasks.Reporting
{
    /// <summary>Every rule the MSBuild tasks check. Each has docs/rules/&lt;Id&gt;.md and a README row.</summary>
    internal static class TaskRules
    {
        public static readonly TaskRule HK4001_ProcfileSyntax = new TaskRule(
            "HK4001", "Procfile line the Cloud Native Buildpack cannot parse", FindingSeverity.Error, "build fails (Fir / heroku/builder)");

        public static readonly TaskRule HK2005_ServerGcOnSmallDyno = new TaskRule(
            "HK2005", "Server GC without DATAS on a small dyno", FindingSeverity.Warning, "R14 memory quota exceeded, R15 restart");

        public static readonly TaskRule HK4002_ProcfileDialectMismatch = new TaskRule(
            "HK4002", "Procfile line Heroku's two parsers read differently", FindingSeverity.Warning, "H14 no web dynos (process missing or renamed on Cedar or Fir)");

        public static readonly TaskRule HK4003_ProcfileDuplicateType = new TaskRule(
            "HK4003", "Process type defined more than once", FindingSeverity.Warning, "earlier definition silently ignored");

        public static readonly TaskRule HK4004_ProcfileMisnamed = new TaskRule(
            "HK4004", "Procfile has a name Heroku does not read", FindingSeverity.Warning, "Procfile ignored, H14 no web dynos");

        public static readonly TaskRule HK4005_ProcfileNeedsSdk = new TaskRule(
            "HK4005", "Procfile command needs the .NET SDK, which dynos do not have", FindingSeverity.Warning, "H10 app crashed");

        public static readonly TaskRule HK4006_ReleaseNeedsSdk = new TaskRule(
            "HK4006", "Release command needs the .NET SDK, which the release phase does not have", FindingSeverity.Error, "release fails");

        public static readonly TaskRule HK4007_ProcfilePublishPath = new TaskRule(
            "HK4007", "Procfile does not run the app where the .NET buildpack publishes it", FindingSeverity.Warning, "H10 app crashed");

        public static readonly TaskRule HK4008_ProcfileWindowsSyntax = new TaskRule(
            "HK4008", "Windows command syntax in the Procfile", FindingSeverity.Warning, "R10 boot timeout, H10 app crashed");

        public static readonly TaskRule HK5001_AppJsonSyntax = new TaskRule(
            "HK5001", "app.json is not valid JSON", FindingSeverity.Error, "app setup fails (Review Apps, Heroku Button, Heroku CI)");

        public static readonly TaskRule HK5002_AppJsonUnknownKey = new TaskRule(
            "HK5002", "app.json key Heroku does not read", FindingSeverity.Warning, "setting silently ignored at app setup");

        public static readonly TaskRule HK5003_AppJsonWrongShape = new TaskRule(
            "HK5003", "app.json value of the wrong type or shape", FindingSeverity.Warning, "app setup fails or ignores the value");

        public static readonly TaskRule HK5004_AppJsonNameLength = new TaskRule(
            "HK5004", "app.json name is too short or too long", FindingSeverity.Warning, "app setup rejects the manifest");

        public static readonly TaskRule HK5005_AppJsonFormationType = new TaskRule(
            "HK5005", "app.json formation names a process type the app does not have", FindingSeverity.Warning, "app setup fails (no such process type)");

        public static readonly TaskRule HK5006_AppJsonFormationValue = new TaskRule(
            "HK5006", "app.json formation quantity or size Heroku does not accept", FindingSeverity.Error, "app setup fails (invalid formation)");

        public static readonly TaskRule HK5007_AppJsonRetiredSize = new TaskRule(
            "HK5007", "app.json formation uses a retired dyno size", FindingSeverity.Warning, "app setup fails (retired dyno size)");

        public static readonly TaskRule HK5008_AppJsonBuildpacks = new TaskRule(
            "HK5008", "app.json buildpacks do not build the .NET app last", FindingSeverity.Warning, "H14 no web dynos (wrong buildpack sets the process types)");

        public static readonly TaskRule HK5009_AppJsonCommunityBuildpack = new TaskRule(
            "HK5009", "app.json uses an old community .NET buildpack", FindingSeverity.Warning, "build fails or H10 app crashed (unmaintained buildpack)");

        public static readonly TaskRule HK5010_AppJsonStack = new TaskRule(
            "HK5010", "app.json stack is unknown or end-of-life", FindingSeverity.Warning, "app setup fails (stack not available)");

        public static readonly TaskRule HK5011_AppJsonSecret = new TaskRule(
            "HK5011", "Secret committed as an app.json env value", FindingSeverity.Warning, "secret copied into every app created from the repository");

        public static readonly TaskRule HK5012_AppJsonRetiredAddonPlan = new TaskRule(
            "HK5012", "app.json add-on plan Heroku retired", FindingSeverity.Warning, "app setup fails (add-on plan no longer available)");

        public static readonly TaskRule HK5013_AppJsonBuildpackUrlVariable = new TaskRule(
            "HK5013", "app.json sets the deprecated BUILDPACK_URL config var", FindingSeverity.Warning, "build uses a buildpack other than the one intended");

        public static readonly TaskRule HK5014_AppJsonImage = new TaskRule(
            "HK5014", "app.json uses the deprecated image key", FindingSeverity.Suggestion, "image not deployed (setting silently ignored)");

        public static readonly TaskRule HK6001_HerokuYmlSyntax = new TaskRule(
            "HK6001", "heroku.yml is not valid YAML", FindingSeverity.Error, "build fails (heroku.yml cannot be parsed)");

        public static readonly TaskRule HK6002_HerokuYmlShape = new TaskRule(
            "HK6002", "heroku.yml section or key Heroku does not read", FindingSeverity.Warning, "build fails or setting silently ignored");

        public static readonly TaskRule HK6003_HerokuYmlDockerfileMissing = new TaskRule(
            "HK6003", "heroku.yml names a Dockerfile that does not exist", FindingSeverity.Error, "build fails (Dockerfile not found)");

        public static readonly TaskRule HK6004_HerokuYmlBuildpacks = new TaskRule(
            "HK6004", "heroku.yml builds with buildpacks, which Heroku no longer supports", FindingSeverity.Warning, "build fails (only Docker builds are supported)");

        public static readonly TaskRule HK6005_HerokuYamlMisnamed = new TaskRule(
            "HK6005", "heroku.yaml is not read; Heroku reads heroku.yml", FindingSeverity.Warning, "build fails (no heroku.yml on the container stack)");

        public static readonly TaskRule HK7010_SlugIgnoreRemovesBuildInput = new TaskRule(
            "HK7010", ".slugignore removes files the .NET build needs", FindingSeverity.Error, "build fails (buildpack detect or publish)");

        public static readonly TaskRule HK7011_SlugIgnoreNegation = new TaskRule(
            "HK7011", ".slugignore negation is not supported", FindingSeverity.Warning, "files removed although negated");

        public static readonly TaskRule HK7012_SlugIgnoreMatchesNothing = new TaskRule(
            "HK7012", ".slugignore pattern matches nothing", FindingSeverity.Suggestion, "slug not reduced as intended");

        public static readonly TaskRule HK7013_SlugIgnoreInvalidPattern = new TaskRule(
            "HK7013", "Invalid .slugignore pattern", FindingSeverity.Warning, "slug not reduced as intended (the line removes nothing)");

        public static readonly TaskRule HK7001_SlugAboveSoftLimit = new TaskRule(
            "HK7001", "Compressed slug above Heroku's soft size limit", FindingSeverity.Warning, "slow boot (slug above the soft limit)");

        public static readonly TaskRule HK7002_SlugAboveMaximum = new TaskRule(
            "HK7002", "Compressed slug above Heroku's maximum slug size", FindingSeverity.Error, "push rejected (compiled slug size is too large)");

        public static readonly TaskRule HK7003_SecretInSlug = new TaskRule(
            "HK7003", "Secret or local-only file would ship in the slug", FindingSeverity.Warning, "secrets and local settings shipped to every dyno");

        public static readonly TaskRule HK7004_WrongPlatform = new TaskRule(
            "HK7004", "Built for a platform the .NET buildpack does not build", FindingSeverity.Warning, "build fails (unsupported target framework or SDK)");

        public static readonly TaskRule HK8007_CommittedHerokuCredential = new TaskRule(
            "HK8007", "Heroku credentials committed to the repository", FindingSeverity.Warning, "credentials exposed for good, and broken once Heroku rotates them");

        public static readonly TaskRule HK9001_RehearsalBootTimeout = new TaskRule(
            "HK9001", "Rehearsal: the web process did not accept connections on $PORT in time", FindingSeverity.Error, "R10 boot timeout");

        public static readonly TaskRule HK9002_RehearsalRequestTimeout = new TaskRule(
            "HK9002", "Rehearsal: a request got no first byte within the router's limit", FindingSeverity.Error, "H12 request timeout");

        public static readonly TaskRule HK9003_RehearsalMemoryQuota = new TaskRule(
            "HK9003", "Rehearsal: the dyno's processes used more memory than its quota", FindingSeverity.Warning, "R14 memory quota exceeded");

        public static readonly TaskRule HK9004_RehearsalExitTimeout = new TaskRule(
            "HK9004", "Rehearsal: processes still running after SIGTERM and the exit timeout", FindingSeverity.Error, "R12 exit timeout");

        public static readonly TaskRule HK9005_RehearsalRequiredConfigVar = new TaskRule(
            "HK9005", "Rehearsal: app.json requires a config var that has no value", FindingSeverity.Error, "app setup fails (required config var missing)");

        public static readonly TaskRule HK9006_RehearsalReleaseFailed = new TaskRule(
            "HK9006", "Rehearsal: the release command failed or ran too long", FindingSeverity.Error, "release fails (new release not deployed)");

        /// <summary>
        /// HK3004's file half, an analyzer rule (descriptor HK3004_WebProcessPort) that HerokuCheck also
        /// reports without compiling: same ID, title, severity and position as in the build.
        /// </summary>
        public static readonly TaskRule HK3004_WebProcessPort = new TaskRule(
            "HK3004", "The web process must bind $PORT", FindingSeverity.Error, "R10 boot timeout; H14 no web dynos");

        /// <summary>HK3005's file half (descriptor HK3005_IPv4OnlyWebCommand), reported by HerokuCheck as HK3004's is.</summary>
        public static readonly TaskRule HK3005_IPv4OnlyWebCommand = new TaskRule(
            "HK3005", "Bind all interfaces dual-stack, not 0.0.0.0", FindingSeverity.Suggestion, "R10 boot timeout on Fir");

        /// <summary>HK3003 (descriptor HK3003_AppSettingsBinding): addresses in appsettings, reported by HerokuCheck as HK3004's file half is.</summary>
        public static readonly TaskRule HK3003_AppSettingsBinding = new TaskRule(
            "HK3003", "Do not bind addresses in appsettings", FindingSeverity.Warning, "R10 boot timeout");

        /// <summary>Analyzer rules whose file half the tasks report in HerokuCheck; not in <see cref="All"/>, which lists the tasks' own rules.</summary>
        public static IReadOnlyList<TaskRule> AnalyzerFileHalves { get; } = new[] { HK3003_AppSettingsBinding, HK3004_WebProcessPort, HK3005_IPv4OnlyWebCommand };

        public static IReadOnlyList<TaskRule> All { get; } = new[]
        {
            HK2005_ServerGcOnSmallDyno,
            HK4001_ProcfileSyntax,
            HK4002_ProcfileDialectMismatch,
            HK4003_ProcfileDuplicateType,
            HK4004_ProcfileMisnamed,
            HK4005_ProcfileNeedsSdk,
            HK4006_ReleaseNeedsSdk,
            HK4007_ProcfilePublishPath,
            HK4008_ProcfileWindowsSyntax,
            HK5001_AppJsonSyntax,
            HK5002_AppJsonUnknownKey,
            HK5003_AppJsonWrongShape,
            HK5004_AppJsonNameLength,
            HK5005_AppJsonFormationType,
            HK5006_AppJsonFormationValue,
            HK5007_AppJsonRetiredSize,
            HK5008_AppJsonBuildpacks,
            HK5009_AppJsonCommunityBuildpack,
            HK5010_AppJsonStack,
            HK5011_AppJsonSecret,
            HK5012_AppJsonRetiredAddonPlan,
            HK5013_AppJsonBuildpackUrlVariable,
            HK5014_AppJsonImage,
            HK6001_HerokuYmlSyntax,
            HK6002_HerokuYmlShape,
            HK6003_HerokuYmlDockerfileMissing,
            HK6004_HerokuYmlBuildpacks,
            HK6005_HerokuYamlMisnamed,
            HK7010_SlugIgnoreRemovesBuildInput,
            HK7011_SlugIgnoreNegation,
            HK7012_SlugIgnoreMatchesNothing,
            HK7013_SlugIgnoreInvalidPattern,

            HK7001_SlugAboveSoftLimit,
            HK7002_SlugAboveMaximum,
            HK7003_SecretInSlug,
            HK7004_WrongPlatform,

            HK8007_CommittedHerokuCredential,

            HK9001_RehearsalBootTimeout,
            HK9002_RehearsalRequestTimeout,
            HK9003_RehearsalMemoryQuota,
            HK9004_RehearsalExitTimeout,
            HK9005_RehearsalRequiredConfigVar,
            HK9006_RehearsalReleaseFailed,
        };
    }
}
