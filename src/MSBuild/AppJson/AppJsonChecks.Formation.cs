using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;
using HerokuAnalyzers.Heroku;
using HerokuAnalyzers.Json;
using HerokuAnalyzers.Tasks.Reporting;

namespace HerokuAnalyzers.Tasks.AppJson
{
    /// <summary>Formation: process types, quantities and dyno sizes.</summary>
    internal sealed partial class AppJsonChecks
    {
        private static readonly string[] FormationKeys = { "quantity", "size" };

        private static readonly Regex Rfc1123Label = new Regex(@"^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", RegexOptions.CultureInvariant);

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
                        Add(TaskRules.HK5006_AppJsonFormationValue, quantity.Position, "The quantity of '" + member.Name + "' is " + quantity.Text + ": Heroku accepts only a whole number of dynos, 0 or more, and app setup fails. Write an integer such as 1.");
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
                    Add(TaskRules.HK5005_AppJsonFormationType, member.NamePosition, "Formation names process type '" + type + "', which " + _processes.Source + " does not define: app setup fails (no such process type)"
                        + (type == HerokuFacts.WebProcessType ? " and the app has no web dyno (H14 no web dynos)" : "") + ". Use one of: " + Join(_processes.Types) + ".");
                }
            }
            else if (!Rfc1123Label.IsMatch(type))
            {
                Add(TaskRules.HK5005_AppJsonFormationType, member.NamePosition, "Formation names process type '" + type + "', but without a Procfile the .NET buildpack names processes 'web' or after the AssemblyName as a lowercase label (a-z, 0-9, '-'): app setup fails (no such process type). Use the buildpack's name or add a Procfile.");
            }
        }

        private void CheckSize(string type, JsonNode size)
        {
            var found = DynoSizes.Find(size.Text!);
            if (found == null)
            {
                Add(TaskRules.HK5006_AppJsonFormationValue, size.Position, "'" + size.Text + "' is not a Heroku dyno size: app setup fails for '" + type + "'. Use one such as basic, standard-1x, standard-2x, performance-m or a Fir size like dyno-1c-0.5gb.");
            }
            else if (found.IsRetired)
            {
                Add(TaskRules.HK5007_AppJsonRetiredSize, size.Position, "Dyno size '" + size.Text + "' is retired: app setup fails for '" + type + "'. Use a current size such as basic or " + HerokuFacts.DefaultDynoSize + " (" + DynoSizes.Find(HerokuFacts.DefaultDynoSize)!.MemoryMegabytes + " MB).");
            }
        }

        private static string Join(ISet<string> types)
        {
            var list = new List<string>(types);
            list.Sort(StringComparer.Ordinal);
            return string.Join(", ", list);
        }
    }
}
