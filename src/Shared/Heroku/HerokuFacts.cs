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

        /// <summary>§6: R10 — a web dyno must bind $PORT within 60 s of launch.</summary>
        public const int BootTimeoutSeconds = 60;

        /// <summary>§5.4: SIGTERM, then SIGKILL 30 s later (R12).</summary>
        public const int ShutdownGraceSeconds = 30;

        /// <summary>§1.5: the release phase is killed after one hour.</summary>
        public const int ReleasePhaseTimeoutMinutes = 60;

        /// <summary>§4: above 300 MB compressed Heroku warns that the slug may slow boot.</summary>
        public const int SlugSoftLimitMegabytes = 300;

        /// <summary>§4: compressed slug hard limit since 2026-03-19.</summary>
        public const int SlugHardLimitMegabytes = 1024;

        /// <summary>§4: compressed slug hard limit before 2026-03-19.</summary>
        public const int LegacySlugHardLimitMegabytes = 500;

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

        /// <summary>§7.5: what the buildpack appends to a web app's command when there is no Procfile.</summary>
        public const string BuildpackUrlsArgument = "--urls http://*:$PORT";

        /// <summary>§9.4: Kestrel's address when nothing configures one — loopback, unreachable from the router.</summary>
        public const string KestrelDefaultAddress = "http://localhost:5000";

        /// <summary>§5.1, §5.2: memory quota of eco, basic and standard-1x dynos; above it Heroku logs R14.</summary>
        public const int SmallDynoMemoryMegabytes = 512;

        /// <summary>§5.2: eco/basic/standard-1x dynos are restarted (R15) at twice their quota.</summary>
        public const int SmallDynoR15Factor = 2;
    }
}
