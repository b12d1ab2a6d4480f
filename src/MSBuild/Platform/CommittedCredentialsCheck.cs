using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using HerokuAnalyzers.Tasks.AppJson;
using HerokuAnalyzers.Tasks.Files;
using HerokuAnalyzers.Tasks.Reporting;

namespace HerokuAnalyzers.Tasks.Platform
{
    /// <summary>
    /// HK8007: Heroku Postgres and Key-Value Store URLs with their passwords, Heroku Postgres hosts with
    /// a password, and Heroku API keys, in the repository's tracked text files that commonly carry them:
    /// appsettings*.json, C# source (comments and constants alike), CI workflow files and committed build
    /// output. Messages name what was found and where — never the value. Tokens are recognised by
    /// <see cref="SecretDetector"/>, the same list app.json's HK5011 uses.
    /// </summary>
    internal static class CommittedCredentialsCheck
    {
        private const int MaxFiles = 5000;
        private const int MaxBytesPerFile = 512 * 1024;
        private const long MaxBytesTotal = 32L * 1024 * 1024;
        private const int MaxLineLength = 16 * 1024;

        private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);

        private static readonly Regex ServiceUrl = new Regex(
            @"(?<scheme>postgres(?:ql)?|rediss?)://(?<user>[^:@/\s""'\\]*):(?<password>[^@/\s""'\\]+)@(?<host>[A-Za-z0-9.-]+)",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout);

        /// <summary>A Key=Value connection string to a Heroku Postgres host (on AWS) with a password on the same line.</summary>
        private static readonly Regex PostgresHost = new Regex(
            @"(?:Host|Server)\s*=\s*[A-Za-z0-9.-]+\.amazonaws\.com\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout);

        private static readonly Regex PasswordPair = new Regex(
            @"(?:Password|Pwd)\s*=\s*(?<password>[^;""'\s]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout);

        private static readonly Regex HerokuToken = new Regex(@"HRKU-[A-Za-z0-9_-]{20,}", RegexOptions.CultureInvariant, MatchTimeout);

        /// <summary>A literal assigned to a name that says Heroku API key (HEROKU_API_KEY: …, "HerokuApiKey": "…").</summary>
        private static readonly Regex NamedHerokuKey = new Regex(
            @"(?<name>HEROKU_?API_?(?:KEY|TOKEN)|HEROKU_?AUTH_?TOKEN)[""']?\s*[:=]\s*[""']?(?<value>[A-Za-z0-9_-]{20,})",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout);

        public static List<Finding> Check(string repositoryRoot)
        {
            var findings = new List<Finding>();
            var tracked = GitIndex.TrackedFiles(repositoryRoot);
            IEnumerable<string> candidates = tracked ?? (IEnumerable<string>)RepositoryTree.Scan(repositoryRoot).Files;
            var files = 0;
            long bytes = 0;
            foreach (var relative in candidates)
            {
                if (!IsCandidate(relative, tracked != null))
                {
                    continue;
                }

                if (++files > MaxFiles || bytes > MaxBytesTotal)
                {
                    break;
                }

                var path = Path.Combine(repositoryRoot, relative.Replace('/', Path.DirectorySeparatorChar));
                var text = Read(path);
                if (text == null)
                {
                    continue;
                }

                bytes += text.Length;
                ScanText(path, text, findings);
            }

            return findings;
        }

        /// <summary>The kinds of file that carry connection settings; build output only when git tracks it (it was committed).</summary>
        internal static bool IsCandidate(string relative, bool tracked)
        {
            var name = relative.Substring(relative.LastIndexOf('/') + 1);
            var extension = Path.GetExtension(name);
            var segments = "/" + relative + "/";
            var inBuildOutput = segments.IndexOf("/bin/", StringComparison.Ordinal) >= 0 || segments.IndexOf("/obj/", StringComparison.Ordinal) >= 0;
            if (inBuildOutput)
            {
                return tracked && (extension.Equals(".json", StringComparison.OrdinalIgnoreCase) || extension.Equals(".config", StringComparison.OrdinalIgnoreCase));
            }

            return (name.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) && extension.Equals(".json", StringComparison.OrdinalIgnoreCase))
                   || extension.Equals(".cs", StringComparison.OrdinalIgnoreCase)
                   || (relative.StartsWith(".github/workflows/", StringComparison.Ordinal) && (extension == ".yml" || extension == ".yaml"))
                   || relative == ".gitlab-ci.yml"
                   || relative == "azure-pipelines.yml"
                   || relative == "bitbucket-pipelines.yml";
        }

        internal static void ScanText(string path, string text, List<Finding> findings)
        {
            var lineNumber = 0;
            foreach (var line in text.Split('\n'))
            {
                lineNumber++;
                var scanned = line.Length > MaxLineLength ? line.Substring(0, MaxLineLength) : line;
                try
                {
                    var found = FindCredential(scanned);
                    if (found != null)
                    {
                        findings.Add(new Finding(
                            TaskRules.HK8007_CommittedHerokuCredential,
                            path,
                            lineNumber,
                            found.Value.Column,
                            "This line holds " + found.Value.What + " (value not shown): Heroku changes these credentials without a deploy (rotation, failover, maintenance), "
                            + "so the committed copy breaks, and the repository keeps it for anyone who can read it. " + found.Value.Fix + ", and rotate the exposed credential."));
                    }
                }
                catch (RegexMatchTimeoutException)
                {
                    // A hostile line is skipped rather than allowed to stall the build.
                }
            }
        }

        private static (int Column, string What, string Fix)? FindCredential(string line)
        {
            foreach (Match match in ServiceUrl.Matches(line))
            {
                var password = match.Groups["password"].Value;
                var host = match.Groups["host"].Value;
                if (LooksReal(password) && IsRemoteHost(host))
                {
                    return match.Groups["scheme"].Value.StartsWith("redis", StringComparison.OrdinalIgnoreCase)
                        ? (match.Index + 1, "a Heroku Key-Value Store (Redis) URL with its password", "Read REDIS_URL from the environment at start-up")
                        : (match.Index + 1, "a Heroku Postgres URL with its password", "Read DATABASE_URL from the environment at start-up");
                }
            }

            var hostMatch = PostgresHost.Match(line);
            if (hostMatch.Success)
            {
                foreach (Match pair in PasswordPair.Matches(line))
                {
                    if (LooksReal(pair.Groups["password"].Value))
                    {
                        return (hostMatch.Index + 1, "a Heroku Postgres host with its password", "Read DATABASE_URL from the environment at start-up");
                    }
                }
            }

            var token = HerokuToken.Match(line);
            if (token.Success && SecretDetector.Classify("HEROKU_API_KEY", token.Value) != null)
            {
                return (token.Index + 1, "a Heroku API key", "Keep the key in the CI system's secrets (HEROKU_API_KEY) and read it from the environment");
            }

            var named = NamedHerokuKey.Match(line);
            if (named.Success && SecretDetector.Classify(named.Groups["name"].Value, named.Groups["value"].Value) != null)
            {
                return (named.Groups["value"].Index + 1, "a Heroku API key", "Keep the key in the CI system's secrets (HEROKU_API_KEY) and read it from the environment");
            }

            return null;
        }

        /// <summary>Heroku's generated passwords are long and mix letters and digits; stand-ins and templates are not.</summary>
        private static bool LooksReal(string password)
        {
            if (password.Length < 12 || SecretDetector.IsPlaceholder(password) || password.IndexOfAny(new[] { '{', '}', '$', '%', '<', '*' }) >= 0)
            {
                return false;
            }

            bool letter = false, digit = false;
            foreach (var c in password)
            {
                letter |= char.IsLetter(c);
                digit |= char.IsDigit(c);
            }

            return letter && digit;
        }

        /// <summary>A host a dyno could reach over the internet: dotted, not loopback, not a stand-in.</summary>
        private static bool IsRemoteHost(string host)
            => host.IndexOf('.') > 0
               && !host.StartsWith("127.", StringComparison.Ordinal)
               && !host.EndsWith(".local", StringComparison.OrdinalIgnoreCase)
               && !host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
               && !host.Equals("host.docker.internal", StringComparison.OrdinalIgnoreCase)
               && !SecretDetector.IsPlaceholder(host);

        private static string? Read(string path)
        {
            try
            {
                using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
                {
                    var buffer = new byte[Math.Min(stream.Length, MaxBytesPerFile)];
                    var read = 0;
                    while (read < buffer.Length)
                    {
                        var n = stream.Read(buffer, read, buffer.Length - read);
                        if (n == 0)
                        {
                            break;
                        }

                        read += n;
                    }

                    // Binary files are not text settings: skip anything with NUL bytes.
                    if (Array.IndexOf(buffer, (byte)0, 0, read) >= 0)
                    {
                        return null;
                    }

                    return Encoding.UTF8.GetString(buffer, 0, read);
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return null;
            }
        }
    }
}
