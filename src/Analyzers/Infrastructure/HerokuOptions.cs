using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HerokuAnalyzers.Infrastructure
{
    /// <summary>
    /// Options read from .editorconfig (per file) or a global config, all under the prefix
    /// <c>heroku_analyzers.</c>, e.g. <c>heroku_analyzers.router_timeout_seconds = 30</c>.
    /// Each option documents its default in the rule page that uses it.
    /// </summary>
    internal readonly struct HerokuOptions
    {
        public const string Prefix = "heroku_analyzers.";

        private readonly AnalyzerConfigOptions _options;

        private HerokuOptions(AnalyzerConfigOptions options) => _options = options;

        public static HerokuOptions For(AnalyzerOptions options, SyntaxTree tree)
            => new HerokuOptions(options.AnalyzerConfigOptionsProvider.GetOptions(tree));

        public static HerokuOptions Global(AnalyzerOptions options)
            => new HerokuOptions(options.AnalyzerConfigOptionsProvider.GlobalOptions);

        public string? GetString(string name)
            => _options.TryGetValue(Prefix + name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        public int GetInt32(string name, int defaultValue)
            => int.TryParse(GetString(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : defaultValue;

        public bool GetBoolean(string name, bool defaultValue)
            => bool.TryParse(GetString(name), out var value) ? value : defaultValue;

        /// <summary>An MSBuild property made visible with CompilerVisibleProperty (build_property.X).</summary>
        public string? GetBuildProperty(string name)
            => _options.TryGetValue("build_property." + name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
    }
}
