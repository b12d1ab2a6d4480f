using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using HerokuAnalyzers.Tasks.Reporting;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace HerokuAnalyzers.Tasks.Gate
{
    /// <summary>
    /// Writes the task findings of a project as SARIF 2.1.0, for code scanning next to the compiler's own
    /// log (-p:ErrorLog=…,version=2.1), which holds the analyzer diagnostics but never task findings.
    /// </summary>
    public sealed class WriteHerokuSarif : Task
    {
        [Required]
        public string OutputPath { get; set; } = "";

        /// <summary>The Findings items of the checking tasks.</summary>
        public ITaskItem[] Findings { get; set; } = new ITaskItem[0];

        /// <summary>Paths under this directory are written relative to it (uriBaseId SRCROOT), as code scanning expects.</summary>
        public string? SourceRoot { get; set; }

        public override bool Execute()
        {
            try
            {
                var directory = Path.GetDirectoryName(Path.GetFullPath(OutputPath));
                if (!string.IsNullOrEmpty(directory))
                {
                    Directory.CreateDirectory(directory);
                }

                File.WriteAllText(OutputPath, Render(Findings, SourceRoot, ToolVersion()), new UTF8Encoding(false));
                Log.LogMessage(MessageImportance.Normal, "Heroku findings written as SARIF to " + OutputPath);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException)
            {
                Log.LogError("Cannot write the Heroku SARIF log '" + OutputPath + "': " + ex.Message);
            }

            return !Log.HasLoggedErrors;
        }

        private static string? ToolVersion()
            => typeof(WriteHerokuSarif).Assembly
                .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
                .OfType<System.Reflection.AssemblyInformationalVersionAttribute>()
                .FirstOrDefault()?.InformationalVersion.Split('+')[0];

        internal static string Render(IReadOnlyList<ITaskItem> findings, string? sourceRoot, string? toolVersion)
        {
            var root = string.IsNullOrEmpty(sourceRoot) ? null : Path.GetFullPath(sourceRoot).TrimEnd('/', '\\') + Path.DirectorySeparatorChar;
            var rules = findings.Select(f => f.GetMetadata("RuleId")).Distinct(StringComparer.Ordinal).OrderBy(id => id, StringComparer.Ordinal).ToList();

            var json = new StringBuilder();
            json.Append("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n");
            json.Append("      \"tool\": {\n        \"driver\": {\n          \"name\": \"HerokuAnalyzers\",\n");
            if (!string.IsNullOrEmpty(toolVersion))
            {
                json.Append("          \"version\": ").Append(JsonText.Quote(toolVersion!)).Append(",\n");
            }

            json.Append("          \"informationUri\": ").Append(JsonText.Quote(Heroku.HelpLinks.RulesBase)).Append(",\n          \"rules\": [");
            for (var i = 0; i < rules.Count; i++)
            {
                var first = findings.First(f => f.GetMetadata("RuleId") == rules[i]);
                json.Append(i == 0 ? "\n" : ",\n");
                json.Append("            { \"id\": ").Append(JsonText.Quote(rules[i]))
                    .Append(", \"shortDescription\": { \"text\": ").Append(JsonText.Quote(first.GetMetadata("Title"))).Append(" }")
                    .Append(", \"helpUri\": ").Append(JsonText.Quote(first.GetMetadata("HelpLink"))).Append(" }");
            }

            json.Append(rules.Count == 0 ? "]\n" : "\n          ]\n").Append("        }\n      },\n");
            if (root != null)
            {
                json.Append("      \"originalUriBaseIds\": { \"SRCROOT\": { \"uri\": ").Append(JsonText.Quote(new Uri(root).AbsoluteUri)).Append(" } },\n");
            }

            json.Append("      \"results\": [");
            for (var i = 0; i < findings.Count; i++)
            {
                var finding = findings[i];
                json.Append(i == 0 ? "\n" : ",\n");
                json.Append("        {\n          \"ruleId\": ").Append(JsonText.Quote(finding.GetMetadata("RuleId"))).Append(",\n");
                json.Append("          \"ruleIndex\": ").Append(rules.IndexOf(finding.GetMetadata("RuleId"))).Append(",\n");
                json.Append("          \"level\": ").Append(JsonText.Quote(Level(finding.GetMetadata("Severity")))).Append(",\n");
                json.Append("          \"message\": { \"text\": ").Append(JsonText.Quote(finding.GetMetadata("Message"))).Append(" },\n");
                json.Append("          \"locations\": [ { \"physicalLocation\": { \"artifactLocation\": ").Append(ArtifactLocation(finding.GetMetadata("FullPath"), root));
                var line = ParsePositive(finding.GetMetadata("Line"));
                if (line > 0)
                {
                    json.Append(", \"region\": { \"startLine\": ").Append(line);
                    var column = ParsePositive(finding.GetMetadata("Column"));
                    if (column > 0)
                    {
                        json.Append(", \"startColumn\": ").Append(column);
                    }

                    json.Append(" }");
                }

                json.Append(" } } ]\n        }");
            }

            json.Append(findings.Count == 0 ? "]\n" : "\n      ]\n").Append("    }\n  ]\n}\n");
            return json.ToString();
        }

        private static string ArtifactLocation(string path, string? root)
        {
            if (root != null && path.StartsWith(root, StringComparison.Ordinal))
            {
                var segments = path.Substring(root.Length).Split('/', '\\').Select(Uri.EscapeDataString);
                return "{ \"uri\": " + JsonText.Quote(string.Join("/", segments)) + ", \"uriBaseId\": \"SRCROOT\" }";
            }

            return "{ \"uri\": " + JsonText.Quote(new Uri(path).AbsoluteUri) + " }";
        }

        private static string Level(string severity)
        {
            switch (severity)
            {
                case nameof(FindingSeverity.Error):
                    return "error";
                case nameof(FindingSeverity.Warning):
                    return "warning";
                default:
                    return "note";
            }
        }

        private static int ParsePositive(string text)
            => int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : 0;
    }
}
