namespace HerokuAnalyzers.Heroku
{
    /// <summary>
    /// Every platform number the rules rely on, defined once. Each #anchor is a section of
    /// docs/heroku-facts.md, which gives the public source and date of each fact.
    /// </summary>
    internal static class HerokuFacts
    {
        /// <summary>#router: H12 — the router gives a request 30 s to its first response byte.</summary>
        public const int RouterFirstByteTimeoutSeconds = 30;

        /// <summary>#r10: R10 — the web process must accept connections on $PORT within 60 s of launch (Dev Center "Error Codes", R10).</summary>
        public const int BootTimeoutSeconds = 60;

        /// <summary>#process-types: the release phase is cut after one hour, a limit that cannot be raised (Dev Center "Release Phase").</summary>
        public const int ReleasePhaseTimeoutSeconds = 3600;

        /// <summary>#process-types: the dyno name Heroku gives the first web dyno in $DYNO on the Common Runtime.</summary>
        public const string FirstWebDynoName = "web.1";

        /// <summary>#slug-size: above 300 MB compressed Heroku warns that the slug may slow boot.</summary>
        public const int SlugSoftLimitMegabytes = 300;

        /// <summary>#slug-size: compressed slug hard limit since 2026-03-19.</summary>
        public const int SlugHardLimitMegabytes = 1024;

        /// <summary>#procfile-cnb-grammar: the CNB Procfile parser rejects process types longer than 63 characters.</summary>
        public const int ProcessTypeMaxLength = 63;

        /// <summary>#procfile-name, #process-types: the config var that carries the port the web process must bind.</summary>
        public const string PortVariable = "PORT";

        /// <summary>#procfile-name: the only file name Heroku reads for process types, at the app root.</summary>
        public const string ProcfileName = "Procfile";

        /// <summary>#appjson-use: the app manifest, at the repository root.</summary>
        public const string AppJsonName = "app.json";

        /// <summary>#herokuyml: the container-stack build manifest, at the app root.</summary>
        public const string HerokuYmlName = "heroku.yml";

        /// <summary>#slugignore: files removed before the buildpack runs.</summary>
        public const string SlugIgnoreName = ".slugignore";

        /// <summary>#process-types: the only process type the router sends HTTP traffic to.</summary>
        public const string WebProcessType = "web";

        /// <summary>#process-types: the process type run in the release phase.</summary>
        public const string ReleaseProcessType = "release";

        /// <summary>#buildpack-publish: the buildpack publishes every project to &lt;project dir&gt;/bin/publish.</summary>
        public const string BuildpackPublishDirectory = "bin/publish";

        /// <summary>#kestrel-binding: Kestrel's address when nothing configures one — loopback, unreachable from the router.</summary>
        public const string KestrelDefaultAddress = "http://localhost:5000";

        /// <summary>#dyno-sizes, #appjson-keys: the dyno size of a web process when nothing says otherwise (app.json formation default).</summary>
        public const string DefaultDynoSize = "standard-1x";

        /// <summary>
        /// #dyno-sizes, #garbage-collector: Server GC without DATAS sizes its heaps by the host's CPU count, which shared dynos
        /// up to this memory expose in full (likely 8): the GC advice applies to dynos of 1 GB or less.
        /// </summary>
        public const int SmallDynoGcThresholdMegabytes = 1024;

        /// <summary>#garbage-collector: DATAS is on by default with Server GC from .NET 9; .NET 8 needs the opt-in.</summary>
        public const string TargetFrameworkWithoutDatasDefault = "net8.0";

        /// <summary>#dyno-sizes, #dyno-memory: memory quota of eco, basic and standard-1x dynos; above it Heroku logs R14.</summary>
        public const int SmallDynoMemoryMegabytes = 512;

        /// <summary>#appjson-keys: app.json "name" length per Heroku's app-json schema (lib/schema.js) and SchemaStore PR #1092; the MCP schema allows 300.</summary>
        public const int AppJsonNameMinLength = 3;

        /// <summary>#appjson-keys: see <see cref="AppJsonNameMinLength"/>; also the limit on Heroku app names.</summary>
        public const int AppJsonNameMaxLength = 30;

        /// <summary>
        /// The config var that chose an app's buildpack before buildpacks were set on the app; deprecated, and
        /// a buildpack set on the app takes precedence (#buildpack_url).
        /// </summary>
        public const string BuildpackUrlVariable = "BUILDPACK_URL";

        /// <summary>#herokuyml: a file of this name is never read; Heroku looks only for heroku.yml.</summary>
        public const string HerokuYamlMisspelling = "heroku.yaml";

        /// <summary>#stacks: the stacks Heroku currently offers (Heroku-24 default, Heroku-22 until Apr 2027, container for heroku.yml).</summary>
        public static readonly string[] CurrentStacks = { "heroku-24", "heroku-22", "container" };

        /// <summary>#stacks: Heroku-20 reached end of life in Apr 2025; the older stacks before it.</summary>
        public static readonly string[] RetiredStacks = { "heroku-20", "heroku-18", "heroku-16", "cedar-14", "cedar" };

        /// <summary>#dotnet-buildpacks: the official .NET buildpack, as a registry name and as the classic buildpack's repository.</summary>
        public static readonly string[] DotnetBuildpacks = { "heroku/dotnet", "https://github.com/heroku/heroku-buildpack-dotnet" };

        /// <summary>
        /// #dotnet-buildpacks: third-party .NET buildpacks (URL or registry name fragments) from before the official
        /// one, with their own publish layout; heroku-softtrends' are the ones found in shared/corpus.
        /// </summary>
        public static readonly string[] CommunityDotnetBuildpacks = { "jincod/dotnetcore", "noliar/dotnet-buildpack", "heroku-softtrends/" };

        /// <summary>#buildpack-sdk: the only TargetFramework values the .NET buildpack builds (its error text lists exactly these).</summary>
        public static readonly string[] SupportedTargetFrameworks = { "net8.0", "net9.0", "net10.0" };

        /// <summary>#buildpack-publish: the runtime identifiers the buildpack publishes for (amd64 and arm64 dynos).</summary>
        public static readonly string[] BuildpackRuntimeIdentifiers = { "linux-x64", "linux-arm64" };

        /// <summary>#buildpack-sdk: the root file that pins the SDK; without its <c>sdk</c> section the buildpack infers one from the TFMs.</summary>
        public const string GlobalJsonName = "global.json";

        /// <summary>#buildpack-runtime: the shared frameworks the buildpack's runtime layer copies from the SDK (its whole <c>shared/</c> folder).</summary>
        public static readonly string[] RuntimeLayerFrameworks = { "Microsoft.NETCore.App", "Microsoft.AspNetCore.App" };

        /// <summary>
        /// docs/heroku-facts.md#herokuyml, #kestrel-binding: Microsoft's official .NET container images. From .NET 8 they set ASPNETCORE_HTTP_PORTS=8080,
        /// before that ASPNETCORE_URLS=http://+:80 (dotnet/docs#35959, "Default ASP.NET Core port changed
        /// from 80 to 8080"); neither is the port Heroku gives a container in $PORT.
        /// </summary>
        public static readonly string[] DotnetImageRepositories =
        {
            "mcr.microsoft.com/dotnet/aspnet", "mcr.microsoft.com/dotnet/runtime", "mcr.microsoft.com/dotnet/runtime-deps", "mcr.microsoft.com/dotnet/sdk",
            "mcr.microsoft.com/dotnet/core/aspnet", "mcr.microsoft.com/dotnet/core/runtime", "mcr.microsoft.com/dotnet/core/runtime-deps", "mcr.microsoft.com/dotnet/core/sdk",
        };

        /// <summary>#kestrel-binding: the .NET major version from which the official images listen on 8080.</summary>
        public const int DotnetImageHttpPortsFromMajor = 8;

        /// <summary>#kestrel-binding: the port the official .NET 8+ images set in ASPNETCORE_HTTP_PORTS.</summary>
        public const string DotnetImageHttpPort = "8080";

        /// <summary>#kestrel-binding: the urls the official images before .NET 8 set in ASPNETCORE_URLS.</summary>
        public const string DotnetImageLegacyUrls = "http://+:80";

        /// <summary>#herokuyml: the app.json stack, and the heroku.yml section, of apps Heroku builds from a Dockerfile.</summary>
        public const string ContainerStack = "container";

        /// <summary>#restarts: R12 — after SIGTERM a dyno's processes have 30 s to exit before SIGKILL (Dev Center "Dyno Shutdown Behavior").</summary>
        public const int ShutdownGraceSeconds = 30;

        /// <summary>#restarts (derived): a host shutdown timeout that leaves the process time to exit before SIGKILL.</summary>
        public const int RecommendedShutdownTimeoutSeconds = ShutdownGraceSeconds - 5;

        /// <summary>#database-url: the config var Heroku Postgres sets on the app, a postgres://user:password@host:port/db URL.</summary>
        public const string DatabaseUrlVariable = "DATABASE_URL";

        /// <summary>#database-url: every database's colour alias, HEROKU_POSTGRESQL_&lt;COLOUR&gt;_URL, with the same URL.</summary>
        public const string PostgresColourVariablePrefix = "HEROKU_POSTGRESQL_";

        /// <summary>#redis-url: the config var of Heroku Key-Value Store, redis:// or rediss:// (TLS) with the password in the user info.</summary>
        public const string RedisUrlVariable = "REDIS_URL";

        /// <summary>#redis-url: the TLS URL of older Mini plans, beside REDIS_URL.</summary>
        public const string RedisTlsUrlVariable = "REDIS_TLS_URL";
    }
}
