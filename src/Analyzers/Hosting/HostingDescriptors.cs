using HerokuAnalyzers.Heroku;
using Microsoft.CodeAnalysis;

namespace HerokuAnalyzers.Infrastructure
{
    internal static partial class Descriptors
    {
        public static readonly DiagnosticDescriptor HK3002_LoopbackBinding = new DiagnosticDescriptor(
            id: "HK3002",
            title: "Do not bind a loopback address",
            messageFormat: "{0} binds only the loopback address '{1}': Heroku's router cannot reach it and the web dyno fails to boot (R10). Bind all interfaces on the port Heroku gives: http://*:$PORT.",
            category: Categories.Hosting,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Heroku routes requests to the dyno over its network interface. An app bound to localhost, 127.0.0.1 or [::1] never receives them and is killed after the boot timeout (R10).",
            helpLinkUri: HelpLinks.For("HK3002"));
    }
}
