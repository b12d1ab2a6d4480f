using System.Text.RegularExpressions;

namespace HerokuAnalyzers.Hosting
{
    /// <summary>
    /// The evidence, without compiling, that a project's code reads the port Heroku gives: a C# string
    /// literal <c>"PORT"</c> (any case — configuration keys are case-insensitive), as in
    /// <c>Environment.GetEnvironmentVariable("PORT")</c> or <c>Configuration["PORT"]</c>. Every read the
    /// analyzer recognises from the compilation (docs/heroku-facts.md#kestrel-binding) has one, so the HerokuCheck gate that
    /// uses this is never stricter than the build; a "PORT" literal that is not a read also counts.
    /// </summary>
    internal static class PortLiteral
    {
        private static readonly Regex Literal = new Regex("\"(?i:PORT)\"", RegexOptions.CultureInvariant);

        public static bool In(string sourceText) => Literal.IsMatch(sourceText);
    }
}
