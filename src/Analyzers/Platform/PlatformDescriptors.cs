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
    }
}
