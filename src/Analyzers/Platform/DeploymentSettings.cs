using System;
using System.Text.RegularExpressions;
using System.Threading;
using HerokuAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HerokuAnalyzers.Platform
{
    /// <summary>
    /// Settings a dyno gets from outside the code — app.json <c>env</c>, the Procfile's command line,
    /// a Dockerfile <c>ENV</c>, heroku.yml <c>setup.config</c>, appsettings — read once per compilation
    /// from the Heroku files the package hands to the analyzers.
    /// </summary>
    internal sealed class DeploymentSettings
    {
        /// <summary>
        /// ASP.NET Core's switch that makes the default host apply X-Forwarded-For/Proto from any proxy
        /// (ForwardedHeadersOptionsSetup): as an environment variable, a --key on the command line or a
        /// configuration key, written NAME=true, NAME true (Dockerfile ENV), NAME: true (YAML) or "NAME": "true" (JSON).
        /// </summary>
        private static readonly Regex ForwardedHeadersEnabled = new Regex(
            @"(?:ASPNETCORE_)?FORWARDEDHEADERS_ENABLED[""']?\s*(?:[=:]|\s)\s*(?:\{[^}]{0,200}?""value""\s*:\s*)?[""']?true\b",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(1));

        /// <summary>The HTTPS port UseHttpsRedirection reads from configuration (HTTPS_PORT, https_port, ASPNETCORE_HTTPS_PORT(S)).</summary>
        private static readonly Regex HttpsPort = new Regex(
            @"(?:ASPNETCORE_)?HTTPS_PORTS?[""']?\s*(?:[=:]|\s)\s*(?:\{[^}]{0,200}?""value""\s*:\s*)?[""']?\d",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(1));

        private DeploymentSettings(string? forwardedHeadersFile, string? httpsPortFile)
        {
            ForwardedHeadersEnabledIn = forwardedHeadersFile;
            HttpsPortIn = httpsPortFile;
        }

        /// <summary>The file that sets ASPNETCORE_FORWARDEDHEADERS_ENABLED=true, or null.</summary>
        public string? ForwardedHeadersEnabledIn { get; }

        /// <summary>The file that sets an HTTPS port for the redirection middleware, or null.</summary>
        public string? HttpsPortIn { get; }

        public static DeploymentSettings Read(AnalyzerOptions options, CancellationToken cancellationToken)
        {
            string? forwarded = null;
            string? httpsPort = null;
            foreach (var file in options.AdditionalFiles)
            {
                if (!IsHerokuFile(options, file) || !(file.GetText(cancellationToken) is { } text))
                {
                    continue;
                }

                var content = text.ToString();
                forwarded ??= Matches(ForwardedHeadersEnabled, content) ? System.IO.Path.GetFileName(file.Path) : null;
                httpsPort ??= Matches(HttpsPort, content) ? System.IO.Path.GetFileName(file.Path) : null;
            }

            return new DeploymentSettings(forwarded, httpsPort);
        }

        private static bool IsHerokuFile(AnalyzerOptions options, AdditionalText file)
            => HerokuFiles.IsKind(options, file, HerokuFiles.Procfile)
               || HerokuFiles.IsKind(options, file, HerokuFiles.AppJson)
               || HerokuFiles.IsKind(options, file, HerokuFiles.HerokuYml)
               || HerokuFiles.IsKind(options, file, HerokuFiles.Dockerfile)
               || HerokuFiles.IsKind(options, file, HerokuFiles.AppSettings);

        /// <summary>Hostile input cannot hang the editor: a match that times out counts as no match.</summary>
        private static bool Matches(Regex regex, string text)
        {
            try
            {
                return regex.IsMatch(text);
            }
            catch (RegexMatchTimeoutException)
            {
                return false;
            }
        }
    }
}
