using System;
using System.Collections.Generic;
using HerokuAnalyzers.Heroku;
using HerokuAnalyzers.Json;
using HerokuAnalyzers.Tasks.Reporting;

namespace HerokuAnalyzers.Tasks.AppJson
{
    /// <summary>Keys and shape: unknown and duplicate keys, name, URLs, scripts.</summary>
    internal sealed partial class AppJsonChecks
    {
        private void CheckName(JsonNode value)
        {
            var length = value.Text!.Length;
            if (length < HerokuFacts.AppJsonNameMinLength || length > HerokuFacts.AppJsonNameMaxLength)
            {
                Add(TaskRules.HK5004_AppJsonNameLength, value.Position, "The app.json name has " + length + " characters; Heroku's app.json schema allows "
                    + HerokuFacts.AppJsonNameMinLength + " to " + HerokuFacts.AppJsonNameMaxLength + ", and app setup (Heroku Button) rejects the manifest. Shorten or lengthen it.");
            }
        }

        private void CheckUrl(string key, JsonNode value)
        {
            var text = value.Text!;
            var ok = key == "success_url" && text.StartsWith("/", StringComparison.Ordinal)
                || (key == "repository" && text.StartsWith("git@", StringComparison.Ordinal))
                || (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme.Length > 1 && text.IndexOf("://", StringComparison.Ordinal) > 0);
            if (!ok)
            {
                Add(TaskRules.HK5003_AppJsonWrongShape, value.Position, "'" + key + "' must be a full URL (https://…)" + (key == "success_url" ? " or a path starting with '/'" : "")
                    + ": Heroku's app.json schema rejects it and the Heroku Button shows a broken link. Write the complete URL.");
            }
        }

        private void CheckScripts(JsonNode scripts, string[] known)
        {
            if (!Expect(scripts, JsonKind.Object, "scripts", "an object"))
            {
                return;
            }

            foreach (var member in scripts.Members)
            {
                if (Array.IndexOf(known, member.Name) < 0)
                {
                    Add(TaskRules.HK5002_AppJsonUnknownKey, member.NamePosition, "Heroku never runs script '" + member.Name + "': only " + string.Join(", ", known) + " are read here. Rename or remove it.");
                }

                Expect(member.Value, JsonKind.String, "script '" + member.Name + "'", "a command string");
            }
        }

        private void CheckKeys(JsonNode node, string[] known, string where, string suffix)
        {
            ReportDuplicates(node, "key");
            foreach (var member in node.Members)
            {
                if (Array.IndexOf(known, member.Name) >= 0)
                {
                    continue;
                }

                var suggestion = Closest(member.Name, known);
                Add(TaskRules.HK5002_AppJsonUnknownKey, member.NamePosition, "Heroku does not read key '" + member.Name + "' in " + where + suffix + " and silently ignores it"
                    + (suggestion != null ? ". Did you mean '" + suggestion + "'?" : ". Known keys: " + string.Join(", ", known) + "."));
            }
        }

        private void ReportDuplicates(JsonNode node, string what)
        {
            var last = new Dictionary<string, JsonMember>(StringComparer.Ordinal);
            foreach (var member in node.Members)
            {
                last[member.Name] = member;
            }

            foreach (var member in node.Members)
            {
                var winner = last[member.Name];
                if (winner != member)
                {
                    Add(TaskRules.HK5002_AppJsonUnknownKey, member.NamePosition, "The " + what + " '" + member.Name + "' appears again on line " + winner.NamePosition.Line + ": JSON readers keep only the last one, so Heroku ignores this value. Merge them into one.");
                }
            }
        }

        private static string? Closest(string name, string[] known)
        {
            string? best = null;
            var bestDistance = 3;
            foreach (var candidate in known)
            {
                var distance = Distance(name.ToLowerInvariant(), candidate);
                if (distance < bestDistance)
                {
                    best = candidate;
                    bestDistance = distance;
                }
            }

            return best;
        }

        /// <summary>Levenshtein distance, capped by the short key names it compares.</summary>
        private static int Distance(string a, string b)
        {
            if (Math.Abs(a.Length - b.Length) > 2 || a.Length > 64)
            {
                return int.MaxValue;
            }

            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (var j = 0; j <= b.Length; j++)
            {
                previous[j] = j;
            }

            for (var i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                }

                var swap = previous;
                previous = current;
                current = swap;
            }

            return previous[b.Length];
        }
    }
}
