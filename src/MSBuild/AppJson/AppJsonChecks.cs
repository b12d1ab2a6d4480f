using System;
using System.Collections.Generic;
using HerokuAnalyzers.Heroku;
using HerokuAnalyzers.Json;
using HerokuAnalyzers.Tasks.Reporting;
using HerokuAnalyzers.Text;

namespace HerokuAnalyzers.Tasks.AppJson
{
    /// <summary>
    /// The HK5xxx checks of app.json against the Dev Center schema (docs/heroku-facts.md#appjson): every rule reads
    /// the same parsed <see cref="AppJsonModel"/>.
    /// </summary>
    internal sealed partial class AppJsonChecks
    {
        private static readonly string[] TopLevelKeys =
        {
            "name", "description", "keywords", "website", "repository", "logo", "success_url", "scripts", "env",
            "formation", "image", "addons", "buildpacks", "environments", "stack",
        };

        private static readonly string[] Environments = { "test", "review" };
        /// <summary>
        /// postdeploy and pr-predestroy (docs/heroku-facts.md#appjson-keys); test and test-setup are Heroku CI's, read from
        /// environments.test, which inherits the top-level scripts.
        /// </summary>
        private static readonly string[] Scripts = { "postdeploy", "pr-predestroy", "test", "test-setup" };

        private readonly string _path;
        private readonly AppProcesses _processes;
        private readonly IReadOnlyList<RetiredAddonPlan> _retiredPlans;
        private readonly List<Finding> _findings = new List<Finding>();
        private JsonNode? _document;

        private AppJsonChecks(string path, AppProcesses processes, IReadOnlyList<RetiredAddonPlan> retiredPlans)
        {
            _path = path;
            _processes = processes;
            _retiredPlans = retiredPlans;
        }

        /// <param name="retiredPlans">Add-on plans app setup rejects (HK5012); null for <see cref="AddonPlans.DefaultRetired"/>.</param>
        public static List<Finding> Check(AppJsonModel model, AppProcesses processes, IReadOnlyList<RetiredAddonPlan>? retiredPlans = null)
        {
            var checks = new AppJsonChecks(model.Path, processes, retiredPlans ?? AddonPlans.DefaultRetired);
            if (model.File == null)
            {
                checks.Add(TaskRules.HK5001_AppJsonSyntax, 0, 0, "app.json cannot be read (" + model.ReadError + "): app setup (Review Apps, Heroku Button, Heroku CI) fails the same way. Make it a readable UTF-8 file.");
            }
            else if (model.File.EncodingProblem != null)
            {
                checks.Add(TaskRules.HK5001_AppJsonSyntax, model.File.EncodingProblemLine, model.File.EncodingProblemColumn, "app.json " + model.File.EncodingProblem + ": app setup fails. Save it as UTF-8.");
            }
            else if (model.SyntaxError != null)
            {
                checks.Add(TaskRules.HK5001_AppJsonSyntax, model.SyntaxError.Position, model.SyntaxError.Message + ": Heroku cannot read app.json and app setup (Review Apps, Heroku Button, Heroku CI) fails. Fix the JSON (app.json allows no comments or trailing commas).");
            }
            else if (model.Root != null)
            {
                checks._document = model.Root;
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
                        Expect(value, JsonKind.String, member.Name, "a string");
                        break;
                    case "image":
                        if (Expect(value, JsonKind.String, member.Name, "a string"))
                        {
                            CheckImage(member);
                        }

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

            CheckBuildpackUrlVariable(root, environment != null);
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
                    Add(TaskRules.HK5002_AppJsonUnknownKey, member.NamePosition, "Heroku never applies environment '" + member.Name + "': app.json environments are only 'test' (Heroku CI) and 'review' (Review Apps). Move these settings to the top level or to test/review.");
                    continue;
                }

                CheckManifest(member.Value, member.Name);
            }
        }

        private bool Expect(JsonNode node, JsonKind kind, string what, string expected)
        {
            if (node.Kind == kind)
            {
                return true;
            }

            Add(TaskRules.HK5003_AppJsonWrongShape, node.Position, what.Substring(0, 1).ToUpperInvariant() + what.Substring(1) + " is " + node.KindName + " but Heroku expects " + expected + ": app setup fails or ignores it. Change the value's type.");
            return false;
        }

        private void Add(TaskRule rule, TextPosition position, string message) => _findings.Add(new Finding(rule, _path, position.Line, position.Column, message));

        private void Add(TaskRule rule, int line, int column, string message) => _findings.Add(new Finding(rule, _path, line, column, message));
    }
}
