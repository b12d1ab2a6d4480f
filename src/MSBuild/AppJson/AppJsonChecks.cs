using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;
using HerokuAnalyzers.Heroku;
using HerokuAnalyzers.Json;
using HerokuAnalyzers.Tasks.Reporting;
using HerokuAnalyzers.Text;

namespace HerokuAnalyzers.Tasks.AppJson
{
    /// <summary>
    /// The HK5xxx checks of app.json against the Dev Center schema (platform.md §2.2): every rule reads
    /// the same parsed <see cref="AppJsonModel"/>.
    /// </summary>
    internal sealed class AppJsonChecks
    {
        private static readonly string[] TopLevelKeys =
        {
            "name", "description", "keywords", "website", "repository", "logo", "success_url", "scripts", "env",
            "formation", "image", "addons", "buildpacks", "environments", "stack",
        };

        private static readonly string[] EnvKeys = { "description", "value", "required", "generator" };
        private static readonly string[] FormationKeys = { "quantity", "size" };
        private static readonly string[] AddonKeys = { "plan", "as", "options" };
        private static readonly string[] BuildpackKeys = { "url" };
        private static readonly string[] Environments = { "test", "review" };
        /// <summary>
        /// postdeploy and pr-predestroy (§2.2); test and test-setup are Heroku CI's, read from
        /// environments.test, which inherits the top-level scripts.
        /// </summary>
        private static readonly string[] Scripts = { "postdeploy", "pr-predestroy", "test", "test-setup" };

        private static readonly Regex AddonShorthand = new Regex(@"^[a-z0-9][a-z0-9-]*(:[A-Za-z0-9][A-Za-z0-9._-]*)?$", RegexOptions.CultureInvariant);
        private static readonly Regex Rfc1123Label = new Regex(@"^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", RegexOptions.CultureInvariant);
        private static readonly Regex NewerStack = new Regex(@"^heroku-(\d+)$", RegexOptions.CultureInvariant);

        private readonly string _path;
        private readonly AppProcesses _processes;
        private readonly List<Finding> _findings = new List<Finding>();

        private AppJsonChecks(string path, AppProcesses processes)
        {
            _path = path;
            _processes = processes;
        }

        public static List<Finding> Check(AppJsonModel model, AppProcesses processes)
        {
            var checks = new AppJsonChecks(model.Path, processes);
            if (model.File == null)
            {
                checks.Add(TaskRules.AppJsonSyntax, 0, 0, "app.json cannot be read (" + model.ReadError + "): app setup (Review Apps, Heroku Button, Heroku CI) fails the same way. Make it a readable UTF-8 file.");
            }
            else if (model.File.EncodingProblem != null)
            {
                checks.Add(TaskRules.AppJsonSyntax, model.File.EncodingProblemLine, model.File.EncodingProblemColumn, "app.json " + model.File.EncodingProblem + ": app setup fails. Save it as UTF-8.");
            }
            else if (model.SyntaxError != null)
            {
                checks.Add(TaskRules.AppJsonSyntax, model.SyntaxError.Position, model.SyntaxError.Message + ": Heroku cannot read app.json and app setup (Review Apps, Heroku Button, Heroku CI) fails. Fix the JSON (app.json allows no comments or trailing commas).");
            }
            else if (model.Root != null)
            {
                checks.CheckManifest(model.Root, environment: null);
            }

            return checks._findings;
        }

        private void CheckManifest(JsonNode root, string? environment)
        {
            if (!Expect(root, JsonKind.Object, environment == null ? "the app.json document" : "environment '" + environment + "'", "an object"))
            {
                return;
            }

            CheckKeys(root, TopLevelKeys, environment == null ? "app.json" : "environments." + environment, environment == null ? "" : " in an environment");
            foreach (var member in root.Members)
            {
                var value = member.Value;
                switch (member.Name)
                {
                    case "name":
                        if (Expect(value, JsonKind.String, "name", "a string"))
                        {
                            CheckName(value);
                        }

                        break;
                    case "description":
                    case "image":
                        Expect(value, JsonKind.String, member.Name, "a string");
                        break;
                    case "website":
                    case "repository":
                    case "logo":
                    case "success_url":
                        if (Expect(value, JsonKind.String, member.Name, "a string"))
                        {
                            CheckUrl(member.Name, value);
                        }

                        break;
                    case "keywords":
                        if (Expect(value, JsonKind.Array, "keywords", "an array of strings"))
                        {
                            foreach (var item in value.Items)
                            {
                                Expect(item, JsonKind.String, "a keyword", "a string");
                            }
                        }

                        break;
                    case "scripts":
                        CheckScripts(value, Scripts);
                        break;
                    case "env":
                        CheckEnv(value);
                        break;
                    case "formation":
                        CheckFormation(value);
                        break;
                    case "addons":
                        CheckAddons(value);
                        break;
                    case "buildpacks":
                        CheckBuildpacks(value);
                        break;
                    case "stack":
                        if (Expect(value, JsonKind.String, "stack", "a string"))
                        {
                            CheckStack(value);
                        }

                        break;
                    case "environments":
                        if (environment == null)
                        {
                            CheckEnvironments(value);
                        }

                        break;
                }
            }
        }

        private void CheckName(JsonNode value)
        {
            var length = value.Text!.Length;
            if (length < HerokuFacts.AppJsonNameMinLength || length > HerokuFacts.AppJsonNameMaxLength)
            {
                Add(TaskRules.AppJsonNameLength, value.Position, "The app.json name has " + length + " characters; Heroku's app.json schema allows "
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
                Add(TaskRules.AppJsonWrongShape, value.Position, "'" + key + "' must be a full URL (https://…)" + (key == "success_url" ? " or a path starting with '/'" : "")
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
                    Add(TaskRules.AppJsonUnknownKey, member.NamePosition, "Heroku never runs script '" + member.Name + "': only " + string.Join(", ", known) + " are read here. Rename or remove it.");
                }

                Expect(member.Value, JsonKind.String, "script '" + member.Name + "'", "a command string");
            }
        }

        private void CheckEnv(JsonNode env)
        {
            if (!Expect(env, JsonKind.Object, "env", "an object of config vars"))
            {
                return;
            }

            ReportDuplicates(env, "config var");
            foreach (var member in env.Members)
            {
                var value = member.Value;
                if (value.Kind == JsonKind.String)
                {
                    CheckSecret(member.Name, value, hasGenerator: false);
                    continue;
                }

                if (value.Kind != JsonKind.Object)
                {
                    Add(TaskRules.AppJsonWrongShape, value.Position, "Config var '" + member.Name + "' is " + value.KindName + ": Heroku expects a string value or an object with description, value, required, generator, and app setup fails. Write it as a string (\"" + member.Name + "\": \"…\").");
                    continue;
                }

                CheckKeys(value, EnvKeys, "env." + member.Name, "");
                var generator = value["generator"];
                foreach (var field in value.Members)
                {
                    switch (field.Name)
                    {
                        case "description":
                            Expect(field.Value, JsonKind.String, "env." + member.Name + ".description", "a string");
                            break;
                        case "value":
                            if (Expect(field.Value, JsonKind.String, "env." + member.Name + ".value", "a string (config vars are strings)"))
                            {
                                CheckSecret(member.Name, field.Value, generator != null);
                            }

                            break;
                        case "required":
                            if (field.Value.Kind != JsonKind.True && field.Value.Kind != JsonKind.False)
                            {
                                Add(TaskRules.AppJsonWrongShape, field.Value.Position, "env." + member.Name + ".required is " + field.Value.KindName + ": Heroku expects true or false. Write true or false without quotes.");
                            }

                            break;
                        case "generator":
                            if (field.Value.Kind != JsonKind.String || field.Value.Text != "secret")
                            {
                                Add(TaskRules.AppJsonWrongShape, field.Value.Position, "Heroku supports only \"generator\": \"secret\" (a random value): app setup fails with any other generator. Write \"secret\" or remove the generator.");
                            }

                            break;
                    }
                }
            }
        }

        private void CheckSecret(string name, JsonNode value, bool hasGenerator)
        {
            if (hasGenerator)
            {
                return;
            }

            var kind = SecretDetector.Classify(name, value.Text!);
            if (kind != null)
            {
                Add(TaskRules.AppJsonSecret, value.Position, "Config var '" + name + "' has a committed value that looks like " + kind
                    + ": every app created from this repository (Review Apps, Heroku Button, Heroku CI) gets it, and anyone who can read the repository has it. "
                    + "Rotate it, remove the value and use \"generator\": \"secret\" or \"required\": true without a default.");
            }
        }

        private void CheckFormation(JsonNode formation)
        {
            if (!Expect(formation, JsonKind.Object, "formation", "an object of process types"))
            {
                return;
            }

            ReportDuplicates(formation, "process type");
            foreach (var member in formation.Members)
            {
                CheckFormationType(member);
                var entry = member.Value;
                if (!Expect(entry, JsonKind.Object, "formation." + member.Name, "an object with quantity and size"))
                {
                    continue;
                }

                CheckKeys(entry, FormationKeys, "formation." + member.Name, "");
                var quantity = entry["quantity"];
                if (quantity != null && Expect(quantity, JsonKind.Number, "formation." + member.Name + ".quantity", "a number"))
                {
                    if (!int.TryParse(quantity.Text, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                    {
                        Add(TaskRules.AppJsonFormationValue, quantity.Position, "The quantity of '" + member.Name + "' is " + quantity.Text + ": Heroku accepts only a whole number of dynos, 0 or more, and app setup fails. Write an integer such as 1.");
                    }
                }

                var size = entry["size"];
                if (size != null && Expect(size, JsonKind.String, "formation." + member.Name + ".size", "a dyno size string"))
                {
                    CheckSize(member.Name, size);
                }
            }
        }

        private void CheckFormationType(JsonMember member)
        {
            var type = member.Name;
            if (_processes.Types != null)
            {
                if (!_processes.Types.Contains(type))
                {
                    Add(TaskRules.AppJsonFormationType, member.NamePosition, "Formation names process type '" + type + "', which " + _processes.Source + " does not define: app setup fails (no such process type)"
                        + (type == HerokuFacts.WebProcessType ? " and the app has no web dyno (H14 no web dynos)" : "") + ". Use one of: " + Join(_processes.Types) + ".");
                }
            }
            else if (!Rfc1123Label.IsMatch(type))
            {
                Add(TaskRules.AppJsonFormationType, member.NamePosition, "Formation names process type '" + type + "', but without a Procfile the .NET buildpack names processes 'web' or after the AssemblyName as a lowercase label (a-z, 0-9, '-'): app setup fails (no such process type). Use the buildpack's name or add a Procfile.");
            }
        }

        private void CheckSize(string type, JsonNode size)
        {
            var found = DynoSizes.Find(size.Text!);
            if (found == null)
            {
                Add(TaskRules.AppJsonFormationValue, size.Position, "'" + size.Text + "' is not a Heroku dyno size: app setup fails for '" + type + "'. Use one such as basic, standard-1x, standard-2x, performance-m or a Fir size like dyno-1c-0.5gb.");
            }
            else if (found.IsRetired)
            {
                Add(TaskRules.AppJsonRetiredSize, size.Position, "Dyno size '" + size.Text + "' is retired: app setup fails for '" + type + "'. Use a current size such as basic or " + HerokuFacts.DefaultDynoSize + " (" + DynoSizes.Find(HerokuFacts.DefaultDynoSize)!.MemoryMegabytes + " MB).");
            }
        }

        private void CheckAddons(JsonNode addons)
        {
            if (!Expect(addons, JsonKind.Array, "addons", "an array"))
            {
                return;
            }

            foreach (var addon in addons.Items)
            {
                if (addon.Kind == JsonKind.String)
                {
                    if (!AddonShorthand.IsMatch(addon.Text!))
                    {
                        Add(TaskRules.AppJsonWrongShape, addon.Position, "Add-on \"" + addon.Text + "\" is not \"service\" or \"service:plan\" (lowercase service name): app setup fails to provision it. Write e.g. \"heroku-postgresql:essential-0\".");
                    }

                    continue;
                }

                if (!Expect(addon, JsonKind.Object, "an add-on", "\"service[:plan]\" or an object with plan"))
                {
                    continue;
                }

                CheckKeys(addon, AddonKeys, "add-on", "");
                var plan = addon["plan"];
                if (plan == null)
                {
                    Add(TaskRules.AppJsonWrongShape, addon.Position, "This add-on object has no \"plan\": app setup cannot provision it and fails. Add \"plan\": \"service[:plan]\".");
                }
                else if (Expect(plan, JsonKind.String, "plan", "a string") && !AddonShorthand.IsMatch(plan.Text!))
                {
                    Add(TaskRules.AppJsonWrongShape, plan.Position, "Plan \"" + plan.Text + "\" is not \"service\" or \"service:plan\": app setup fails to provision it. Write e.g. \"heroku-postgresql:essential-0\".");
                }

                var alias = addon["as"];
                if (alias != null)
                {
                    Expect(alias, JsonKind.String, "as", "a string");
                }

                var options = addon["options"];
                if (options != null)
                {
                    Expect(options, JsonKind.Object, "options", "an object");
                }
            }
        }

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
                    Add(TaskRules.AppJsonWrongShape, buildpack.Position, "A buildpack must be an object with \"url\": app setup fails on a plain string. Write { \"url\": \"" + buildpack.Text + "\" }.");
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
                    Add(TaskRules.AppJsonWrongShape, buildpack.Position, "This buildpack has no \"url\": app setup fails. Add \"url\": \"heroku/dotnet\" (or the buildpack's URL).");
                    continue;
                }

                if (!Expect(url, JsonKind.String, "url", "a string"))
                {
                    continue;
                }

                var key = NormalizeBuildpack(url.Text!);
                if (seen.TryGetValue(key, out var first))
                {
                    Add(TaskRules.AppJsonBuildpacks, url.Position, "Buildpack '" + url.Text + "' is already listed on line " + first.Position.Line + ": Heroku rejects a buildpack that is already set, so app setup fails. Remove the duplicate.");
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
                        Add(TaskRules.AppJsonCommunityBuildpack, url.Position, "'" + url.Text + "' is an old community .NET buildpack with its own publish layout and SDK versions: current .NET versions fail to build or the app crashes (H10 app crashed). Use the official \"heroku/dotnet\".");
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
                Add(TaskRules.AppJsonBuildpacks, buildpacks.Position, "The web process is a .NET app but no buildpack builds it: without heroku/dotnet the app is not published and has no web process (H14 no web dynos). Add { \"url\": \"heroku/dotnet\" } as the last buildpack.");
            }
            else if (dotnet != lastUrl)
            {
                Add(TaskRules.AppJsonBuildpacks, dotnet.Position, "heroku/dotnet is not the last buildpack: the last one sets the default process types, so the .NET web process is not registered (H14 no web dynos). Move heroku/dotnet to the end.");
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
            Add(TaskRules.AppJsonStack, stack.Position, "Stack '" + name + "' " + (retired ? "has reached end of life" : "is not a Heroku stack")
                + ": app setup fails (stack not available). Use \"" + HerokuFacts.CurrentStacks[0] + "\" (or \"container\" with heroku.yml).");
        }

        private void CheckEnvironments(JsonNode environments)
        {
            if (!Expect(environments, JsonKind.Object, "environments", "an object"))
            {
                return;
            }

            foreach (var member in environments.Members)
            {
                if (Array.IndexOf(Environments, member.Name) < 0)
                {
                    Add(TaskRules.AppJsonUnknownKey, member.NamePosition, "Heroku never applies environment '" + member.Name + "': app.json environments are only 'test' (Heroku CI) and 'review' (Review Apps). Move these settings to the top level or to test/review.");
                    continue;
                }

                CheckManifest(member.Value, member.Name);
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
                Add(TaskRules.AppJsonUnknownKey, member.NamePosition, "Heroku does not read key '" + member.Name + "' in " + where + suffix + " and silently ignores it"
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
                    Add(TaskRules.AppJsonUnknownKey, member.NamePosition, "The " + what + " '" + member.Name + "' appears again on line " + winner.NamePosition.Line + ": JSON readers keep only the last one, so Heroku ignores this value. Merge them into one.");
                }
            }
        }

        private bool Expect(JsonNode node, JsonKind kind, string what, string expected)
        {
            if (node.Kind == kind)
            {
                return true;
            }

            Add(TaskRules.AppJsonWrongShape, node.Position, what.Substring(0, 1).ToUpperInvariant() + what.Substring(1) + " is " + node.KindName + " but Heroku expects " + expected + ": app setup fails or ignores it. Change the value's type.");
            return false;
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

        private static string Join(ISet<string> types)
        {
            var list = new List<string>(types);
            list.Sort(StringComparer.Ordinal);
            return string.Join(", ", list);
        }

        private void Add(TaskRule rule, TextPosition position, string message) => _findings.Add(new Finding(rule, _path, position.Line, position.Column, message));

        private void Add(TaskRule rule, int line, int column, string message) => _findings.Add(new Finding(rule, _path, line, column, message));
    }
}
