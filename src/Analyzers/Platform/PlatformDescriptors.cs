using HerokuAnalyzers.Heroku;
using Microsoft.CodeAnalysis;

namespace HerokuAnalyzers.Infrastructure
{
    /// <summary>
    /// Platform pitfalls (HK8xxx): code that works on a laptop and breaks behind Heroku's router, on
    /// its restarted dynos or with its URL-shaped config vars. Reported per operation (live in the editor).
    /// </summary>
    internal static partial class Descriptors
    {
        private const string HK8001Title = "Apply Heroku's forwarded headers before using the scheme or client address";
        private const string HK8001Description = "Heroku's router ends TLS and forwards every request to the dyno as plain http from a router address, with the original scheme and client in X-Forwarded-Proto and X-Forwarded-For. ASP.NET Core ignores those headers unless UseForwardedHeaders runs with XForwardedFor | XForwardedProto and the known networks and proxies cleared (they default to loopback, which the router is not), or ASPNETCORE_FORWARDEDHEADERS_ENABLED=true is set.";

        /// <summary>
        /// HK8001. A warning where the consequence is a broken app (a redirect loop, http links, ignored
        /// headers); reported as a suggestion where the code is only dead on a dyno (no redirect without a
        /// port, HSTS never sent, the router's address): one rule, one ID, severity by consequence.
        /// </summary>
        public static readonly DiagnosticDescriptor HK8001_ForwardedHeaders = new DiagnosticDescriptor(
            id: "HK8001",
            title: HK8001Title,
            messageFormat: "{0}: Heroku's router ends TLS and forwards every request as http from a router address, so {1}. {2}.",
            category: Categories.Platform,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: HK8001Description,
            helpLinkUri: HelpLinks.For("HK8001"));

        private const string HK8004Title = "Give Npgsql a connection string, not Heroku's DATABASE_URL";

        public static readonly DiagnosticDescriptor HK8004_DatabaseUrl = new DiagnosticDescriptor(
            id: "HK8004",
            title: HK8004Title,
            messageFormat: "{0} is given {1}, which Heroku sets to a postgres://user:password@host:port/database URL that Npgsql cannot read: it throws on the first connection and the app crashes (H10). Convert the URL with Uri into an NpgsqlConnectionStringBuilder (SSL Mode=Require).",
            category: Categories.Platform,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Heroku Postgres exposes its location and credentials only as a URL in DATABASE_URL (and HEROKU_POSTGRESQL_<COLOUR>_URL), which changes when Heroku rotates credentials or fails over. Npgsql's connection strings are Key=Value pairs; it has never parsed URLs.",
            helpLinkUri: HelpLinks.For("HK8004"));

        public static readonly DiagnosticDescriptor HK8004_SslDisabled = new DiagnosticDescriptor(
            id: "HK8004",
            title: HK8004Title,
            messageFormat: "{0} turns TLS off ({1}): Heroku Postgres only accepts TLS connections, so the app cannot reach its database (H10 when it connects at boot). Use SSL Mode=Require.",
            category: Categories.Platform,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Heroku Postgres requires TLS 1.2 or newer. Its certificates are not publicly verifiable, so SSL Mode=Require (which in Npgsql 8 and later encrypts without verifying) is the mode to use.",
            helpLinkUri: HelpLinks.For("HK8004"));

        public static readonly DiagnosticDescriptor HK8004_HandParsedUrl = new DiagnosticDescriptor(
            id: "HK8004",
            title: HK8004Title,
            messageFormat: "The pattern \"{0}\" takes DATABASE_URL apart by hand: it mis-splits passwords that contain ':' or '@', and misses postgresql:// URLs, URLs without a port and percent-encoded credentials, so the connection fails (H10). Parse the URL with Uri and unescape its user info.",
            category: Categories.Platform,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Copies of the regular expression postgres://(.*):(.*)@(.*):(.*)/(.*) split greedily and decode nothing. System.Uri parses the URL; split its UserInfo at the first ':' and unescape both parts.",
            helpLinkUri: HelpLinks.For("HK8004"));

        public static readonly DiagnosticDescriptor HK8004_HandSplitUrl = new DiagnosticDescriptor(
            id: "HK8004",
            title: HK8004Title,
            messageFormat: "'{0}' takes DATABASE_URL apart by hand: splitting at ':', '@' and '/' mis-splits passwords that contain them and decodes no percent-encoded credentials, so the connection fails (H10). Parse the URL with Uri and unescape its user info.",
            category: Categories.Platform,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "String.Split, IndexOf and LastIndexOf on the URL itself decode nothing and break on the characters a password may hold. System.Uri parses the URL; split its UserInfo at the first ':' and unescape both parts.",
            helpLinkUri: HelpLinks.For("HK8004"));

        public static readonly DiagnosticDescriptor HK8003_ShutdownTimeout = new DiagnosticDescriptor(
            id: "HK8003",
            title: "Finish shutting down before Heroku's SIGKILL",
            messageFormat: "{0} allows {1} s for graceful shutdown, but Heroku kills the dyno's processes {2} s after SIGTERM (R12 exit timeout): requests and StopAsync work still running then are cut off. Use at most {3} s.",
            category: Categories.Platform,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "On every restart, deploy and daily cycle Heroku sends SIGTERM and, 30 seconds later, SIGKILL. The generic host's ShutdownTimeout bounds graceful shutdown; at 30 s or more it races the SIGKILL.",
            helpLinkUri: HelpLinks.For("HK8003"));

        public static readonly DiagnosticDescriptor HK8003_StopIgnoresToken = new DiagnosticDescriptor(
            id: "HK8003",
            title: "Finish shutting down before Heroku's SIGKILL",
            messageFormat: "{0}.StopAsync waits without observing its cancellation token: when the host's shutdown timeout ends, the work goes on until Heroku kills the process {1} s after SIGTERM (R12 exit timeout). Pass '{2}' to what it awaits, or stop waiting when it is cancelled.",
            category: Categories.Platform,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "The host cancels StopAsync's token when its shutdown timeout ends. A StopAsync that never looks at the token keeps the process alive until Heroku's SIGKILL, and whatever it was doing is lost mid-way.",
            helpLinkUri: HelpLinks.For("HK8003"));

        public static readonly DiagnosticDescriptor HK8005_RedisUrl = new DiagnosticDescriptor(
            id: "HK8005",
            title: "Convert Heroku's REDIS_URL before giving it to StackExchange.Redis",
            messageFormat: "{0} is given {1}, which Heroku sets to a redis:// or rediss:// URL that StackExchange.Redis does not parse: the connection fails and the app crashes at boot (H10). Build ConfigurationOptions from the URL: host:port as the endpoint, its password, Ssl = true for rediss://, and a CertificateValidation callback for Heroku's self-signed certificate.",
            category: Categories.Platform,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Heroku Key-Value Store sets REDIS_URL to redis://:PASSWORD@HOST:PORT, or rediss:// with TLS, which newer plans require; its certificate is self-signed. A StackExchange.Redis configuration string is a comma-separated list of host:port endpoints and key=value options; URLs are not supported.",
            helpLinkUri: HelpLinks.For("HK8005"));

        public static readonly DiagnosticDescriptor HK8005_TlsLost = new DiagnosticDescriptor(
            id: "HK8005",
            title: "Convert Heroku's REDIS_URL before giving it to StackExchange.Redis",
            messageFormat: "{0} is built from {1} but {2}: Heroku Key-Value Store gives a rediss:// URL, accepts only TLS connections and presents a self-signed certificate, so every connection fails (H10 when the app connects at boot). {3}.",
            category: Categories.Platform,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Every Heroku Key-Value Store plan requires TLS, and its certificate is self-signed. StackExchange.Redis turns TLS on only with Ssl = true (ssl=true in a configuration string) and, by default, rejects a certificate the machine does not trust; only ConfigurationOptions can carry the CertificateValidation callback (or TrustIssuer) that accepts it.",
            helpLinkUri: HelpLinks.For("HK8005"));

        /// <summary>HK8002: a warning for sign-in and session cookies; reported as a suggestion for antiforgery and TempData of MVC and Razor Pages.</summary>
        public static readonly DiagnosticDescriptor HK8002_DataProtectionKeys = new DiagnosticDescriptor(
            id: "HK8002",
            title: "Keep Data Protection keys off the dyno's disk",
            messageFormat: "{0} protects {1} with Data Protection keys that{2} live on the dyno's disk: Heroku empties it on every restart, deploy and daily cycle, and each dyno has its own, so {3}. Persist the keys to a store all dynos share (PersistKeysToDbContext, PersistKeysToStackExchangeRedis …) and call SetApplicationName.",
            category: Categories.Platform,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "ASP.NET Core encrypts authentication cookies, Identity tokens, antiforgery tokens, the session cookie and the TempData cookie with its Data Protection key ring. Without a configured repository the ring lives under $HOME on the dyno's ephemeral filesystem: new keys after each restart, and a different ring on each dyno.",
            helpLinkUri: HelpLinks.For("HK8002"));

        public static readonly DiagnosticDescriptor HK8006_EphemeralFilesystem = new DiagnosticDescriptor(
            id: "HK8006",
            title: "Do not keep app data on the dyno's disk",
            messageFormat: "{0} {1} on the dyno's disk: Heroku discards the filesystem on every restart, deploy and daily cycle, and each dyno has its own, so {2}. {3}.",
            category: Categories.Platform,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "A dyno's filesystem is ephemeral: changes are lost when the dyno restarts (at least once a day) and are never shared with other dynos. Reading files shipped with the app and scratch files under Path.GetTempPath() are fine.",
            helpLinkUri: HelpLinks.For("HK8006"));
    }
}
