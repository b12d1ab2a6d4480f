using System;
using System.Collections.Generic;

namespace HerokuAnalyzers.Heroku
{
    /// <summary>An add-on plan Heroku no longer provisions, and the plan that took its place.</summary>
    internal sealed class RetiredAddonPlan
    {
        public RetiredAddonPlan(string service, string plan, string? retired, string? replacement)
        {
            Service = service;
            Plan = plan;
            Retired = retired;
            Replacement = replacement;
        }

        /// <summary>The add-on service as app.json names it (heroku-postgresql).</summary>
        public string Service { get; }

        /// <summary>The plan name after the colon (hobby-dev).</summary>
        public string Plan { get; }

        /// <summary>When Heroku stopped provisioning it, as docs/heroku-facts.md gives it; null when not known.</summary>
        public string? Retired { get; }

        /// <summary>The current plan to use instead (service:plan), or null when not known.</summary>
        public string? Replacement { get; }

        public string Name => Service + ":" + Plan;
    }

    /// <summary>
    /// Add-on plans app setup rejects because Heroku retired them (docs/heroku-facts.md#add-on-plans).
    /// The list is the default of the HerokuRetiredAddonPlans MSBuild property.
    /// </summary>
    internal static class AddonPlans
    {
        /// <summary>
        /// Free Heroku Postgres and Heroku Data for Redis plans ended on 2022-11-28 (hobby-dev, and the paid
        /// hobby-basic became basic); Postgres mini and basic reached end of life in May 2024 when the
        /// Essential tier replaced them (Dev Center changelog item 2862).
        /// </summary>
        public static IReadOnlyList<RetiredAddonPlan> DefaultRetired { get; } = new[]
        {
            new RetiredAddonPlan("heroku-postgresql", "hobby-dev", "2022-11-28", "heroku-postgresql:essential-0"),
            new RetiredAddonPlan("heroku-postgresql", "hobby-basic", "2022-11-28", "heroku-postgresql:essential-1"),
            new RetiredAddonPlan("heroku-postgresql", "mini", "2024-05", "heroku-postgresql:essential-0"),
            new RetiredAddonPlan("heroku-postgresql", "basic", "2024-05", "heroku-postgresql:essential-1"),
            new RetiredAddonPlan("heroku-redis", "hobby-dev", "2022-11-28", "heroku-redis:mini"),
        };

        /// <summary>
        /// Reads the HerokuRetiredAddonPlans property: entries "service:plan" or "service:plan=replacement",
        /// separated by ';' or ','. Empty or whitespace gives <see cref="DefaultRetired"/>; entries without
        /// a colon are skipped.
        /// </summary>
        public static IReadOnlyList<RetiredAddonPlan> Parse(string? property)
        {
            if (property == null || property.Trim().Length == 0)
            {
                return DefaultRetired;
            }

            var plans = new List<RetiredAddonPlan>();
            foreach (var raw in property.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var entry = raw.Trim();
                string? replacement = null;
                var equals = entry.IndexOf('=');
                if (equals >= 0)
                {
                    replacement = entry.Substring(equals + 1).Trim();
                    entry = entry.Substring(0, equals).Trim();
                }

                var colon = entry.IndexOf(':');
                if (colon <= 0 || colon == entry.Length - 1)
                {
                    continue;
                }

                var known = Find(DefaultRetired, entry);
                plans.Add(new RetiredAddonPlan(
                    entry.Substring(0, colon).Trim(),
                    entry.Substring(colon + 1).Trim(),
                    known?.Retired,
                    string.IsNullOrEmpty(replacement) ? known?.Replacement : replacement));
            }

            return plans;
        }

        /// <summary>The retired plan named "service:plan" (any case), or null.</summary>
        public static RetiredAddonPlan? Find(IReadOnlyList<RetiredAddonPlan> plans, string name)
        {
            foreach (var plan in plans)
            {
                if (string.Equals(plan.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
                {
                    return plan;
                }
            }

            return null;
        }
    }
}
