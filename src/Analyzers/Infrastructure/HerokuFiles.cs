using System;
using System.Runtime.CompilerServices;
using HerokuAnalyzers.Procfile;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace HerokuAnalyzers.Infrastructure
{
    /// <summary>
    /// The files the package's targets hand to the analyzers as AdditionalFiles, tagged with the
    /// HerokuFileKind metadata; the analyzers go by the tag, never by guessing from file names.
    /// </summary>
    internal static class HerokuFiles
    {
        public const string Procfile = "Procfile";
        public const string HerokuYml = "HerokuYml";

        /// <summary>app.json at the repository root (the task's HerokuFileKind.AppJson).</summary>
        public const string AppJson = "AppJson";

        /// <summary>The Dockerfile Heroku builds the web image from, on container deploys (metadata HerokuDockerTarget: the stage).</summary>
        public const string Dockerfile = "Dockerfile";

        /// <summary>The project's appsettings.json and appsettings.Production.json.</summary>
        public const string AppSettings = "AppSettings";

        private const string KindKey = "build_metadata.AdditionalFiles.HerokuFileKind";

        /// <summary>
        /// One parse of a Procfile's text for every analyzer that reads it. Weakly keyed by the text:
        /// the entry lives as long as the compiler keeps that text, so the cache cannot grow on its own.
        /// </summary>
        private static readonly ConditionalWeakTable<SourceText, ProcfileDocument> ParsedProcfiles = new ConditionalWeakTable<SourceText, ProcfileDocument>();

        /// <summary>One relaxed parse of a JSON file (appsettings) for every analyzer that reads it, keyed like <see cref="ParsedProcfiles"/>.</summary>
        private static readonly ConditionalWeakTable<SourceText, StrongBox<Json.JsonNode?>> ParsedJson = new ConditionalWeakTable<SourceText, StrongBox<Json.JsonNode?>>();

        public static bool IsKind(AnalyzerOptions options, AdditionalText file, string kind)
            => options.AnalyzerConfigOptionsProvider.GetOptions(file).TryGetValue(KindKey, out var value)
               && string.Equals(value?.Trim(), kind, StringComparison.OrdinalIgnoreCase);

        /// <summary>Other metadata the targets put on a Heroku file (CompilerVisibleItemMetadata), or null.</summary>
        public static string? Metadata(AnalyzerOptions options, AdditionalText file, string name)
            => options.AnalyzerConfigOptionsProvider.GetOptions(file).TryGetValue("build_metadata.AdditionalFiles." + name, out var value) && !string.IsNullOrWhiteSpace(value)
                ? value.Trim()
                : null;

        /// <summary>The first file of a kind, with its text; null when the build passed none or it cannot be read.</summary>
        public static (AdditionalText File, SourceText Text)? Find(AnalyzerOptions options, string kind, System.Threading.CancellationToken cancellationToken)
        {
            foreach (var file in options.AdditionalFiles)
            {
                if (IsKind(options, file, kind) && file.GetText(cancellationToken) is SourceText text)
                {
                    return (file, text);
                }
            }

            return null;
        }

        /// <summary>
        /// Heroku builds the app from a Dockerfile: the targets resolve HerokuDeployKind (heroku.yml
        /// build.docker, app.json stack, or the HerokuDeploy property); without it a heroku.yml says so.
        /// </summary>
        public static bool IsContainerDeploy(AnalyzerOptions options, System.Threading.CancellationToken cancellationToken)
        {
            var deploy = HerokuOptions.Global(options).GetBuildProperty("HerokuDeployKind");
            if (deploy != null)
            {
                return string.Equals(deploy, Heroku.HerokuFacts.ContainerStack, StringComparison.OrdinalIgnoreCase);
            }

            return Find(options, HerokuYml, cancellationToken) != null;
        }

        public static ProcfileDocument ParseProcfile(SourceText text)
            => ParsedProcfiles.GetValue(text, t => ProcfileParser.Parse(t.ToString()));

        /// <summary>The JSON value of the text (comments and trailing commas accepted), or null when it is not JSON.</summary>
        public static Json.JsonNode? ParseJson(SourceText text)
            => ParsedJson.GetValue(text, t => new StrongBox<Json.JsonNode?>(Json.JsonParser.Parse(t.ToString(), relaxed: true, out _))).Value;

        /// <summary>A location in an additional file from a 1-based line and column, clamped to the text.</summary>
        public static Location Location(AdditionalText file, SourceText text, int line, int column, int length)
        {
            if (text.Lines.Count == 0)
            {
                return Microsoft.CodeAnalysis.Location.Create(file.Path, default, default);
            }

            var lineIndex = Math.Max(0, Math.Min(line - 1, text.Lines.Count - 1));
            var textLine = text.Lines[lineIndex];
            var start = Math.Min(textLine.Start + Math.Max(0, column - 1), textLine.End);
            var end = start + Math.Min(Math.Max(0, length), textLine.End - start);
            var span = TextSpan.FromBounds(start, end);
            return Microsoft.CodeAnalysis.Location.Create(file.Path, span, text.Lines.GetLinePositionSpan(span));
        }
    }
}
