using System.Text.RegularExpressions;
using HerokuAnalyzers.Heroku;
using HerokuAnalyzers.Json;
using HerokuAnalyzers.Tasks.Reporting;

namespace HerokuAnalyzers.Tasks.AppJson
{
    /// <summary>Add-ons: the shorthand and object forms.</summary>
    internal sealed partial class AppJsonChecks
    {
        private static readonly string[] AddonKeys = { "plan", "as", "options" };

        private static readonly Regex AddonShorthand = new Regex(@"^[a-z0-9][a-z0-9-]*(:[A-Za-z0-9][A-Za-z0-9._-]*)?$", RegexOptions.CultureInvariant);

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
                        Add(TaskRules.HK5003_AppJsonWrongShape, addon.Position, "Add-on \"" + addon.Text + "\" is not \"service\" or \"service:plan\" (lowercase service name): app setup fails to provision it. Write e.g. \"heroku-postgresql:essential-0\".");
                    }
                    else
                    {
                        CheckRetiredPlan(addon);
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
                    Add(TaskRules.HK5003_AppJsonWrongShape, addon.Position, "This add-on object has no \"plan\": app setup cannot provision it and fails. Add \"plan\": \"service[:plan]\".");
                }
                else if (Expect(plan, JsonKind.String, "plan", "a string") && !AddonShorthand.IsMatch(plan.Text!))
                {
                    Add(TaskRules.HK5003_AppJsonWrongShape, plan.Position, "Plan \"" + plan.Text + "\" is not \"service\" or \"service:plan\": app setup fails to provision it. Write e.g. \"heroku-postgresql:essential-0\".");
                }
                else if (plan.Kind == JsonKind.String)
                {
                    CheckRetiredPlan(plan);
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

        /// <summary>HK5012: a plan Heroku no longer provisions (the HerokuRetiredAddonPlans list).</summary>
        private void CheckRetiredPlan(JsonNode plan)
        {
            var retired = AddonPlans.Find(_retiredPlans, plan.Text!);
            if (retired == null)
            {
                return;
            }

            Add(TaskRules.HK5012_AppJsonRetiredAddonPlan, plan.Position, "Add-on plan '" + plan.Text + "' is retired"
                + (retired.Retired != null ? " (Heroku retired it: " + retired.Retired + ")" : " (HerokuRetiredAddonPlans)")
                + ": app setup fails (the plan is no longer available) and no app is created from this manifest. "
                + (retired.Replacement != null ? "Use \"" + retired.Replacement + "\"." : "Use a current plan (heroku addons:plans " + retired.Service + ")."));
        }
    }
}
