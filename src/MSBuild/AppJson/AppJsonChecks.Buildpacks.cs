using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;
using HerokuAnalyzers.Heroku;
using HerokuAnalyzers.Json;
using HerokuAnalyzers.Tasks.Reporting;

namespace HerokuAnalyzers.Tasks.AppJson
{
    /// <summary>Buildpacks and stack.</summary>
    internal sealed partial class AppJsonChecks
    {
        private static readonly string[] BuildpackKeys = { "url" };

        private static readonly Regex NewerStack = new Regex(@"^heroku-(\d+)$", RegexOptions.CultureInvariant);

        private void CheckBuildpacks(JsonNode buildpacks)
        {
            if (!Expect(buildpacks, JsonKind.Array, "buildpacks", "an array of { \"url\": … } objects"))
            {
                return;
            }

            var seen = new Dictionary<string, JsonNode>(StringComparer.OrdinalIgnoreCase);
            JsonNode? lastUrl = null;
            JsonNode? dotnet = null;
            var community = false;
            foreach (var buildpack in buildpacks.Items)
            {
                if (buildpack.Kind == JsonKind.String)
                {
                    Add(TaskRules.HK5003_AppJsonWrongShape, buildpack.Position, "A buildpack must be an object with \"url\": app setup fails on a plain string. Write { \"url\": \"" + buildpack.Text + "\" }.");
                    continue;
                }

                if (!Expect(buildpack, JsonKind.Object, "a buildpack", "an object with url"))
                {
                    continue;
                }

                CheckKeys(buildpack, BuildpackKeys, "buildpack", "");
                var url = buildpack["url"];
                if (url == null)
                {
                    Add(TaskRules.HK5003_AppJsonWrongShape, buildpack.Position, "This buildpack has no \"url\": app setup fails. Add \"url\": \"heroku/dotnet\" (or the buildpack's URL).");
                    continue;
                }

                if (!Expect(url, JsonKind.String, "url", "a string"))
                {
                    continue;
                }

                var key = NormalizeBuildpack(url.Text!);
                if (seen.TryGetValue(key, out var first))
                {
                    Add(TaskRules.HK5008_AppJsonBuildpacks, url.Position, "Buildpack '" + url.Text + "' is already listed on line " + first.Position.Line + ": Heroku rejects a buildpack that is already set, so app setup fails. Remove the duplicate.");
                }
                else
                {
                    seen.Add(key, url);
                }

                lastUrl = url;
                if (Array.IndexOf(HerokuFacts.DotnetBuildpacks, key) >= 0 || key == "heroku/heroku-buildpack-dotnet")
                {
                    dotnet = url;
                }

                foreach (var fragment in HerokuFacts.CommunityDotnetBuildpacks)
                {
                    if (url.Text!.IndexOf(fragment, StringComparison.OrdinalIgnoreCase) >= 0)
                    {
                        community = true;
                        Add(TaskRules.HK5009_AppJsonCommunityBuildpack, url.Position, "'" + url.Text + "' is an old community .NET buildpack with its own publish layout and SDK versions: current .NET versions fail to build or the app crashes (H10 app crashed). Use the official \"heroku/dotnet\".");
                        break;
                    }
                }
            }

            if (!_processes.DotnetIsWeb || community || lastUrl == null)
            {
                return;
            }

            if (dotnet == null)
            {
                Add(TaskRules.HK5008_AppJsonBuildpacks, buildpacks.Position, "The web process is a .NET app but no buildpack builds it: without heroku/dotnet the app is not published and has no web process (H14 no web dynos). Add { \"url\": \"heroku/dotnet\" } as the last buildpack.");
            }
            else if (dotnet != lastUrl)
            {
                Add(TaskRules.HK5008_AppJsonBuildpacks, dotnet.Position, "heroku/dotnet is not the last buildpack: the last one sets the default process types, so the .NET web process is not registered (H14 no web dynos). Move heroku/dotnet to the end.");
            }
        }

        private void CheckStack(JsonNode stack)
        {
            var name = stack.Text!;
            if (Array.IndexOf(HerokuFacts.CurrentStacks, name) >= 0)
            {
                return;
            }

            var newer = NewerStack.Match(name);
            if (newer.Success && int.TryParse(newer.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 24)
            {
                return;
            }

            var retired = Array.IndexOf(HerokuFacts.RetiredStacks, name) >= 0;
            Add(TaskRules.HK5010_AppJsonStack, stack.Position, "Stack '" + name + "' " + (retired ? "has reached end of life" : "is not a Heroku stack")
                + ": app setup fails (stack not available). Use \"" + HerokuFacts.CurrentStacks[0] + "\" (or \"container\" with heroku.yml).");
        }

        private static string NormalizeBuildpack(string url)
        {
            var text = url.Trim().TrimEnd('/');
            if (text.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
            {
                text = text.Substring(0, text.Length - 4);
            }

            foreach (var prefix in new[] { "https://github.com/", "http://github.com/" })
            {
                if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    return text.Substring(prefix.Length).ToLowerInvariant();
                }
            }

            return text.ToLowerInvariant();
        }

        /// <summary>HK5013: the deprecated BUILDPACK_URL config var, where the buildpacks list is the way to choose one.</summary>
        private void CheckBuildpackUrlVariable(JsonNode manifest, bool inEnvironment)
        {
            var env = manifest["env"];
            if (env == null || env.Kind != JsonKind.Object)
            {
                return;
            }

            JsonMember? variable = null;
            foreach (var member in env.Members)
            {
                if (member.Name == HerokuFacts.BuildpackUrlVariable)
                {
                    variable = member;
                }
            }

            if (variable == null)
            {
                return;
            }

            // An environment's keys replace the top-level ones; without its own list it builds with the top-level one.
            var buildpacks = manifest["buildpacks"] ?? (inEnvironment ? _document?["buildpacks"] : null);
            if (buildpacks != null && buildpacks.Kind == JsonKind.Array && buildpacks.Items.Count > 0)
            {
                Add(TaskRules.HK5013_AppJsonBuildpackUrlVariable, variable.NamePosition, "Config var BUILDPACK_URL is a second, deprecated way to choose the buildpack next to the buildpacks list on line "
                    + buildpacks.Position.Line + ": a buildpack set on the app takes precedence over BUILDPACK_URL, so one of the two is silently ignored and the build may not be the one you expect. Remove BUILDPACK_URL and keep the buildpacks list.");
            }
            else
            {
                var value = variable.Value.Kind == JsonKind.String ? variable.Value.Text : variable.Value["value"]?.Text;
                Add(TaskRules.HK5013_AppJsonBuildpackUrlVariable, variable.NamePosition, "Config var BUILDPACK_URL is the deprecated way to choose a buildpack: Heroku reads it only while no buildpack is set on the app and it names a single buildpack. Write \"buildpacks\": [{ \"url\": \""
                    + (string.IsNullOrEmpty(value) ? "heroku/dotnet" : value) + "\" }] instead and remove BUILDPACK_URL.");
            }
        }

        /// <summary>HK5014: the image key of Heroku's retired Docker workflow.</summary>
        private void CheckImage(JsonMember image)
        {
            Add(TaskRules.HK5014_AppJsonImage, image.NamePosition, "'image' is deprecated: it belonged to Heroku's retired local Docker workflow, and Heroku does not deploy this image; the app is built by its buildpacks, or from heroku.yml on the container stack. "
                + "Remove the key; to deploy a container, add heroku.yml and \"stack\": \"container\".");
        }
    }
}
