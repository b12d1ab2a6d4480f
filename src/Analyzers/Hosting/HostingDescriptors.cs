using HerokuAnalyzers.Heroku;
using HerokuAnalyzers.Hosting;
using Microsoft.CodeAnalysis;

namespace HerokuAnalyzers.Infrastructure
{
    internal static partial class Descriptors
    {
        private const string HK3005Title = "Bind all interfaces dual-stack, not 0.0.0.0";
        private const string HK3005Message = WebProcessMessages.IPv4Only;
        private const string HK3005Description = "Kestrel binds 0.0.0.0 and IPAddress.Any on IPv4 only. That works on the Cedar generation but not on Fir, where dynos must listen on the IPv6 any-address.";

        public static readonly DiagnosticDescriptor HK3001_FixedPort = new DiagnosticDescriptor(
            id: "HK3001",
            title: "Bind the port Heroku gives in PORT",
            messageFormat: "{0} binds the fixed port {1}: Heroku assigns the web dyno's port in $PORT and kills the dyno that has not bound it within the boot timeout (R10). Read the port from the PORT environment variable, e.g. http://*:$PORT.",
            category: Categories.Hosting,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Heroku chooses the web dyno's port at launch and passes it in PORT. Kestrel endpoints and urls set in code replace the buildpack's --urls http://*:$PORT, so a port written in code is what the app listens on, and the router never reaches it.",
            helpLinkUri: HelpLinks.For("HK3001"));

        public static readonly DiagnosticDescriptor HK3002_LoopbackBinding = new DiagnosticDescriptor(
            id: "HK3002",
            title: "Do not bind a loopback address",
            messageFormat: "{0} binds only the loopback address '{1}': Heroku's router cannot reach it and the web dyno fails to boot (R10). Bind all interfaces on the port Heroku gives: http://*:$PORT.",
            category: Categories.Hosting,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Heroku routes requests to the dyno over its network interface. An app bound to localhost, 127.0.0.1 or [::1] never receives them and is killed after the boot timeout (R10).",
            helpLinkUri: HelpLinks.For("HK3002"));

        public static readonly DiagnosticDescriptor HK3003_AppSettingsBinding = new DiagnosticDescriptor(
            id: "HK3003",
            title: "Do not bind addresses in appsettings",
            messageFormat: AppSettingsBindingCheck.Message,
            category: Categories.Hosting,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Kestrel:Endpoints in configuration override every urls setting, including the --urls http://*:$PORT the .NET buildpack passes; a urls key applies whenever the command line passes none. Heroku runs the app as Production, so appsettings.json and appsettings.Production.json are read on the dyno.",
            helpLinkUri: HelpLinks.For("HK3003"));

        public static readonly DiagnosticDescriptor HK3004_WebProcessPort = new DiagnosticDescriptor(
            id: "HK3004",
            title: "The web process must bind $PORT",
            messageFormat: WebProcessMessages.PortNotBound,
            category: Categories.Hosting,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "The .NET buildpack appends --urls http://*:$PORT to a web app's command only when the repository has no Procfile; container images listen on their own default port. A web command that passes no --urls with $PORT, no ASPNETCORE_URLS or ASPNETCORE_HTTP_PORTS with $PORT, for an app whose code does not read PORT, never binds the port Heroku routes to.",
            helpLinkUri: HelpLinks.For("HK3004"));

        /// <summary>HK3004 in its second form: there is no web process at all. Same rule, same fix family.</summary>
        public static readonly DiagnosticDescriptor HK3004_NoWebProcess = new DiagnosticDescriptor(
            id: "HK3004",
            title: "The web process must bind $PORT",
            messageFormat: WebProcessMessages.NoWebProcess,
            category: Categories.Hosting,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "With a Procfile the .NET buildpack registers no process of its own, so only a 'web' line in the Procfile gets HTTP traffic.",
            helpLinkUri: HelpLinks.For("HK3004"));

        public static readonly DiagnosticDescriptor HK3005_IPv4OnlyBinding = new DiagnosticDescriptor(
            id: "HK3005",
            title: HK3005Title,
            messageFormat: HK3005Message,
            category: Categories.Hosting,
            defaultSeverity: DiagnosticSeverity.Info,
            isEnabledByDefault: true,
            description: HK3005Description,
            helpLinkUri: HelpLinks.For("HK3005"));
    }
}
