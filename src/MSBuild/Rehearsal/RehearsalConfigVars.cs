using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using HerokuAnalyzers.Json;
using HerokuAnalyzers.Text;

namespace HerokuAnalyzers.Tasks.Rehearsal
{
    /// <summary>A config var app.json requires and nobody gave a value, with where app.json names it.</summary>
    internal sealed class MissingConfigVar
    {
        public MissingConfigVar(string name, TextPosition position)
        {
            Name = name;
            Position = position;
        }

        public string Name { get; }

        public TextPosition Position { get; }
    }

    /// <summary>
    /// The config vars a new app gets from app.json's <c>env</c> (docs/heroku-facts.md#appjson-keys, Dev Center "app.json
    /// Schema"): a string is the value; an object gives <c>value</c>, <c>generator: "secret"</c> (a random
    /// value) and <c>required</c> (default true). The rehearsal's own settings (HerokuRehearsalEnvironment)
    /// win; a required var without any value takes the build's environment variable of that name, else it
    /// is missing.
    /// </summary>
    internal static class RehearsalConfigVars
    {
        /// <summary>Names the rehearsal never inherits from the build: Heroku sets none of them (docs/heroku-facts.md#buildpack-env), and each would change the binding or the environment name.</summary>
        public static readonly string[] NotInherited =
        {
            "ASPNETCORE_URLS", "DOTNET_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_HTTP_PORTS", "DOTNET_HTTPS_PORTS",
            "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "ASPNETCORE_HOSTINGSTARTUPASSEMBLIES",
        };

        public static Dictionary<string, string> FromAppJson(JsonNode? root, IDictionary<string, string> rehearsalSettings, Func<string, string?> buildEnvironment, List<MissingConfigVar> missing)
        {
            var vars = new Dictionary<string, string>(StringComparer.Ordinal);
            var env = root?["env"];
            if (env != null && env.Kind == JsonKind.Object)
            {
                foreach (var member in env.Members)
                {
                    if (member.Name.Length == 0 || rehearsalSettings.ContainsKey(member.Name))
                    {
                        continue;
                    }

                    var value = member.Value;
                    if (value.Kind == JsonKind.String)
                    {
                        vars[member.Name] = value.Text ?? "";
                        continue;
                    }

                    if (value.Kind != JsonKind.Object)
                    {
                        continue;
                    }

                    if (value["value"] is { Kind: JsonKind.String } given)
                    {
                        vars[member.Name] = given.Text ?? "";
                    }
                    else if (value["generator"] is { Kind: JsonKind.String, Text: "secret" })
                    {
                        vars[member.Name] = Secret();
                    }
                    else if (value["required"] is not { Kind: JsonKind.False })
                    {
                        var fromBuild = buildEnvironment(member.Name);
                        if (fromBuild != null)
                        {
                            vars[member.Name] = fromBuild;
                        }
                        else
                        {
                            missing.Add(new MissingConfigVar(member.Name, member.NamePosition));
                        }
                    }
                }
            }

            foreach (var setting in rehearsalSettings)
            {
                vars[setting.Key] = setting.Value;
            }

            return vars;
        }

        /// <summary>HerokuRehearsalEnvironment: <c>NAME=value</c> pairs separated by ';' (or new lines).</summary>
        public static Dictionary<string, string> ParseSettings(string? text)
        {
            var settings = new Dictionary<string, string>(StringComparer.Ordinal);
            if (string.IsNullOrWhiteSpace(text))
            {
                return settings;
            }

            foreach (var part in text!.Split(new[] { ';', '\n', '\r' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = part.IndexOf('=');
                var name = (equals < 0 ? part : part.Substring(0, equals)).Trim();
                if (name.Length > 0)
                {
                    settings[name] = equals < 0 ? "" : part.Substring(equals + 1);
                }
            }

            return settings;
        }

        /// <summary>A random value for <c>generator: "secret"</c>: 32 random bytes as 64 hex characters.</summary>
        private static string Secret()
        {
            var bytes = new byte[32];
            using (var random = RandomNumberGenerator.Create())
            {
                random.GetBytes(bytes);
            }

            var text = new StringBuilder(64);
            foreach (var b in bytes)
            {
                text.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }

            return text.ToString();
        }
    }
}
