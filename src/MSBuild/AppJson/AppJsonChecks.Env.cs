using HerokuAnalyzers.Json;
using HerokuAnalyzers.Tasks.Reporting;

namespace HerokuAnalyzers.Tasks.AppJson
{
    /// <summary>Config vars (env): value shapes and committed secrets.</summary>
    internal sealed partial class AppJsonChecks
    {
        private static readonly string[] EnvKeys = { "description", "value", "required", "generator" };

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
                    Add(TaskRules.HK5003_AppJsonWrongShape, value.Position, "Config var '" + member.Name + "' is " + value.KindName + ": Heroku expects a string value or an object with description, value, required, generator, and app setup fails. Write it as a string (\"" + member.Name + "\": \"…\").");
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
                                Add(TaskRules.HK5003_AppJsonWrongShape, field.Value.Position, "env." + member.Name + ".required is " + field.Value.KindName + ": Heroku expects true or false. Write true or false without quotes.");
                            }

                            break;
                        case "generator":
                            if (field.Value.Kind != JsonKind.String || field.Value.Text != "secret")
                            {
                                Add(TaskRules.HK5003_AppJsonWrongShape, field.Value.Position, "Heroku supports only \"generator\": \"secret\" (a random value): app setup fails with any other generator. Write \"secret\" or remove the generator.");
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
                Add(TaskRules.HK5011_AppJsonSecret, value.Position, "Config var '" + name + "' has a committed value that looks like " + kind
                    + ": every app created from this repository (Review Apps, Heroku Button, Heroku CI) gets it, and anyone who can read the repository has it. "
                    + "Rotate it, remove the value and use \"generator\": \"secret\" or \"required\": true without a default.");
            }
        }
    }
}
