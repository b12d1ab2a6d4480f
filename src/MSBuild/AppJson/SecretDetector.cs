using System;
using System.Collections.Generic;

namespace HerokuAnalyzers.Tasks.AppJson
{
    /// <summary>
    /// Recognises credentials in committed config values without ever returning the value: by the
    /// prefixes of well-known token formats, or by a random-looking value (high Shannon entropy),
    /// with a lower bar when the variable's name says it holds a secret.
    /// </summary>
    internal static class SecretDetector
    {
        private static readonly KeyValuePair<string, string>[] Prefixes =
        {
            Pair("sk_live_", "a Stripe live secret key"),
            Pair("rk_live_", "a Stripe live restricted key"),
            Pair("AKIA", "an AWS access key id"),
            Pair("ASIA", "an AWS temporary access key id"),
            Pair("ghp_", "a GitHub personal access token"),
            Pair("gho_", "a GitHub OAuth token"),
            Pair("ghu_", "a GitHub user token"),
            Pair("ghs_", "a GitHub app token"),
            Pair("ghr_", "a GitHub refresh token"),
            Pair("github_pat_", "a GitHub fine-grained token"),
            Pair("glpat-", "a GitLab personal access token"),
            Pair("xoxb-", "a Slack bot token"),
            Pair("xoxp-", "a Slack user token"),
            Pair("xoxa-", "a Slack app token"),
            Pair("xoxr-", "a Slack refresh token"),
            Pair("xoxs-", "a Slack session token"),
            Pair("SG.", "a SendGrid API key"),
            Pair("AIza", "a Google API key"),
            Pair("npm_", "an npm token"),
            Pair("shpat_", "a Shopify access token"),
            Pair("-----BEGIN", "a private key"),
            Pair("HRKU-", "a Heroku API key"),
        };

        private static readonly string[] SecretNameParts = { "SECRET", "TOKEN", "PASSWORD", "PASSWD", "PWD", "API_KEY", "APIKEY", "PRIVATE", "CREDENTIAL", "ACCESS_KEY", "AUTH" };

        private static readonly string[] Placeholders = { "xxx", "...", "<", ">", "your", "example", "changeme", "change-me", "change_me", "placeholder", "replace", "dummy", "todo", "secret_here", "key_here", "insert" };

        /// <summary>What the value looks like ("a Stripe live secret key"), or null when it does not look like a secret.</summary>
        public static string? Classify(string variableName, string value)
        {
            var trimmed = value.Trim();
            if (trimmed.Length < 12 || IsPlaceholder(trimmed))
            {
                return null;
            }

            foreach (var pair in Prefixes)
            {
                if (trimmed.StartsWith(pair.Key, StringComparison.Ordinal) && trimmed.Length >= pair.Key.Length + 12)
                {
                    return pair.Value;
                }
            }

            if (trimmed.IndexOf("://", StringComparison.Ordinal) >= 0 || trimmed.IndexOf(' ') >= 0 || trimmed.StartsWith("/", StringComparison.Ordinal))
            {
                return null;
            }

            var namedSecret = NameSaysSecret(variableName);
            var entropy = Entropy(trimmed);
            var mixed = HasLetter(trimmed) && HasDigit(trimmed);
            if (namedSecret && mixed && trimmed.Length >= 16 && entropy >= 3.0)
            {
                return "a credential";
            }

            if (trimmed.Length >= 24 && mixed && entropy >= (IsHex(trimmed) ? 3.0 : 4.2))
            {
                return "a random key or token";
            }

            return null;
        }

        private static bool NameSaysSecret(string name)
        {
            var upper = name.ToUpperInvariant();
            foreach (var part in SecretNameParts)
            {
                if (upper.Contains(part))
                {
                    return true;
                }
            }

            return upper.EndsWith("_KEY", StringComparison.Ordinal) || upper == "KEY";
        }

        /// <summary>Text that marks a value as a stand-in ("your-password", "&lt;token&gt;", "changeme" …).</summary>
        internal static bool IsPlaceholder(string value)
        {
            var lower = value.ToLowerInvariant();
            foreach (var placeholder in Placeholders)
            {
                if (lower.Contains(placeholder))
                {
                    return true;
                }
            }

            return false;
        }

        private static double Entropy(string value)
        {
            var counts = new Dictionary<char, int>();
            foreach (var c in value)
            {
                counts.TryGetValue(c, out var n);
                counts[c] = n + 1;
            }

            var entropy = 0.0;
            foreach (var count in counts.Values)
            {
                var p = (double)count / value.Length;
                entropy -= p * Math.Log(p, 2);
            }

            return entropy;
        }

        private static bool HasLetter(string value)
        {
            foreach (var c in value)
            {
                if (char.IsLetter(c))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasDigit(string value)
        {
            foreach (var c in value)
            {
                if (c >= '0' && c <= '9')
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsHex(string value)
        {
            foreach (var c in value)
            {
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '-'))
                {
                    return false;
                }
            }

            return true;
        }

        private static KeyValuePair<string, string> Pair(string prefix, string kind) => new KeyValuePair<string, string>(prefix, kind);
    }
}
