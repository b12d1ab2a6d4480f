namespace HerokuAnalyzers.Heroku
{
    /// <summary>
    /// Every platform number the rules rely on, defined once. Section numbers refer to
    /// shared/heroku/platform.md, which gives the public source and date of each fact.
    /// </summary>
    internal static class HerokuFacts
    {
        /// <summary>§6: H12 — the router gives a request 30 s to its first response byte.</summary>
        public const int RouterFirstByteTimeoutSeconds = 30;

        /// <summary>§4: above 300 MB compressed Heroku warns that the slug may slow boot.</summary>
        public const int SlugSoftLimitMegabytes = 300;

        /// <summary>§4: compressed slug hard limit since 2026-03-19.</summary>
        public const int SlugHardLimitMegabytes = 1024;

        /// <summary>§1.3: the CNB Procfile parser rejects process types longer than 63 characters.</summary>
        public const int ProcessTypeMaxLength = 63;

        /// <summary>§1.1, §1.5: the config var that carries the port the web process must bind.</summary>
        public const string PortVariable = "PORT";

        /// <summary>§1.1: the only file name Heroku reads for process types, at the app root.</summary>
        public const string ProcfileName = "Procfile";

        /// <summary>§2.1: the app manifest, at the repository root.</summary>
        public const string AppJsonName = "app.json";

        /// <summary>§3: the container-stack build manifest, at the app root.</summary>
        public const string HerokuYmlName = "heroku.yml";

        /// <summary>§4: files removed before the buildpack runs.</summary>
        public const string SlugIgnoreName = ".slugignore";

        /// <summary>§1.5: the only process type the router sends HTTP traffic to.</summary>
        public const string WebProcessType = "web";

        /// <summary>§1.5: the process type run in the release phase.</summary>
        public const string ReleaseProcessType = "release";

        /// <summary>§7.4: the buildpack publishes every project to &lt;project dir&gt;/bin/publish.</summary>
        public const string BuildpackPublishDirectory = "bin/publish";

        /// <summary>§9.4: Kestrel's address when nothing configures one — loopback, unreachable from the router.</summary>
        public const string KestrelDefaultAddress = "http://localhost:5000";

        /// <summary>§5.1, §2.2: the dyno size of a web process when nothing says otherwise (app.json formation default).</summary>
        public const string DefaultDynoSize = "standard-1x";

        /// <summary>
        /// §5.1, §9.6: Server GC without DATAS sizes its heaps by the host's CPU count, which shared dynos
        /// up to this memory expose in full (likely 8): the GC advice applies to dynos of 1 GB or less.
        /// </summary>
        public const int SmallDynoGcThresholdMegabytes = 1024;

        /// <summary>§9.6: DATAS is on by default with Server GC from .NET 9; .NET 8 needs the opt-in.</summary>
        public const string TargetFrameworkWithoutDatasDefault = "net8.0";

        /// <summary>§5.1, §5.2: memory quota of eco, basic and standard-1x dynos; above it Heroku logs R14.</summary>
        public const int SmallDynoMemoryMegabytes = 512;

        /// <summary>§2.2: app.json "name" length per Heroku's app-json schema (lib/schema.js) and SchemaStore PR #1092; the MCP schema allows 300.</summary>
        public const int AppJsonNameMinLength = 3;

        /// <summary>§2.2: see <see cref="AppJsonNameMinLength"/>; also the limit on Heroku app names.</summary>
        public const int AppJsonNameMaxLength = 30;

        /// <summary>§3: a file of this name is never read; Heroku looks only for heroku.yml.</summary>
        public const string HerokuYamlMisspelling = "heroku.yaml";

        /// <summary>§2.2: the stacks Heroku currently offers (Heroku-24 default, Heroku-22 until Apr 2027, container for heroku.yml).</summary>
        public static readonly string[] CurrentStacks = { "heroku-24", "heroku-22", "container" };

        /// <summary>§2.2: Heroku-20 reached end of life in Apr 2025; the older stacks before it.</summary>
        public static readonly string[] RetiredStacks = { "heroku-20", "heroku-18", "heroku-16", "cedar-14", "cedar" };

        /// <summary>§7.1: the official .NET buildpack, as a registry name and as the classic buildpack's repository.</summary>
        public static readonly string[] DotnetBuildpacks = { "heroku/dotnet", "https://github.com/heroku/heroku-buildpack-dotnet" };

        /// <summary>
        /// §7.1, §7.8: third-party .NET buildpacks (URL or registry name fragments) from before the official
        /// one, with their own publish layout; heroku-softtrends' are the ones found in shared/corpus.
        /// </summary>
        public static readonly string[] CommunityDotnetBuildpacks = { "jincod/dotnetcore", "noliar/dotnet-buildpack", "heroku-softtrends/" };

        /// <summary>§7.3: the only TargetFramework values the .NET buildpack builds (its error text lists exactly these).</summary>
        public static readonly string[] SupportedTargetFrameworks = { "net8.0", "net9.0", "net10.0" };

        /// <summary>§7.4: the runtime identifiers the buildpack publishes for (amd64 and arm64 dynos).</summary>
        public static readonly string[] BuildpackRuntimeIdentifiers = { "linux-x64", "linux-arm64" };

        /// <summary>§7.3: the root file that pins the SDK; without its <c>sdk</c> section the buildpack infers one from the TFMs.</summary>
        public const string GlobalJsonName = "global.json";

        /// <summary>§7.7: the shared frameworks the buildpack's runtime layer copies from the SDK (its whole <c>shared/</c> folder).</summary>
        public static readonly string[] RuntimeLayerFrameworks = { "Microsoft.NETCore.App", "Microsoft.AspNetCore.App" };

        /// <summary>§5.4, §9.5: after SIGTERM a dyno's processes have 30 s to exit, then SIGKILL (R12 exit timeout).</summary>
        public const int ShutdownGraceSeconds = 30;

        /// <summary>§9.5 (derived): a host shutdown timeout that leaves the process time to exit before SIGKILL.</summary>
        public const int RecommendedShutdownTimeoutSeconds = ShutdownGraceSeconds - 5;

        /// <summary>§8.1: the config var Heroku Postgres sets on the app, a postgres://user:password@host:port/db URL.</summary>
        public const string DatabaseUrlVariable = "DATABASE_URL";

        /// <summary>§8.1: every database's colour alias, HEROKU_POSTGRESQL_&lt;COLOUR&gt;_URL, with the same URL.</summary>
        public const string PostgresColourVariablePrefix = "HEROKU_POSTGRESQL_";

        /// <summary>§8.4: the config var of Heroku Key-Value Store, redis:// or rediss:// (TLS) with the password in the user info.</summary>
        public const string RedisUrlVariable = "REDIS_URL";

        /// <summary>§8.4: the TLS URL of older Mini plans, beside REDIS_URL.</summary>
        public const string RedisTlsUrlVariable = "REDIS_TLS_URL";
    }
}
