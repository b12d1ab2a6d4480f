using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using HerokuAnalyzers.Tasks.Reporting;

namespace HerokuAnalyzers.Tasks.Slug
{
    /// <summary>
    /// HK7003: files that must not reach a dyno — local environment files, development settings with
    /// credentials, private keys, user secrets, a .git folder, committed build output. Messages name the
    /// file and, at most, a key's name: a value is never read into a message.
    /// </summary>
    internal static class SecretScanner
    {
        /// <summary>Only this much of a candidate file is read: keys and settings sit near the start.</summary>
        private const int MaxScannedBytes = 1024 * 1024;

        private static readonly string[] EnvTemplateSuffixes = { "example", "sample", "template", "dist", "defaults" };

        private static readonly HashSet<string> KeyContainerExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".pfx", ".p12" };

        private static readonly HashSet<string> PemExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".pem", ".key" };

        private static readonly HashSet<string> SshKeyNames = new HashSet<string>(StringComparer.Ordinal) { "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519" };

        private static readonly HashSet<string> ProjectExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".csproj", ".fsproj", ".vbproj" };

        private static readonly Regex PrivateKeyMarker = new Regex(@"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----", RegexOptions.CultureInvariant);

        /// <summary>A JSON key whose name says it holds a credential (the value is not looked at).</summary>
        private static readonly Regex SecretJsonKey = new Regex(
            "\"(?<name>[^\"]*(?:password|passwd|pwd|secret|token|apikey|api_key|connectionstring|privatekey|accesskey)[^\"]*)\"\\s*:",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        public static List<Finding> Scan(IReadOnlyList<SlugFile> files, string repositoryRoot, List<string> problems)
        {
            var findings = new List<Finding>();
            var reportedNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

            // Repository files first: a published copy of a file already reported is the same problem.
            foreach (var file in files.OrderBy(f => f.Origin).ThenBy(f => f.RelativePath, StringComparer.Ordinal))
            {
                if (file.IsSymbolicLink)
                {
                    continue;
                }

                var finding = Check(file, problems);
                if (finding != null && (file.Origin == SlugFileOrigin.Repository || !reportedNames.Contains(Path.GetFileName(file.Path))))
                {
                    findings.Add(finding);
                    reportedNames.Add(Path.GetFileName(file.Path));
                }
            }

            findings.AddRange(FolderFindings(files, repositoryRoot));
            return findings;
        }

        private static Finding? Check(SlugFile file, List<string> problems)
        {
            var name = Path.GetFileName(file.Path);
            var extension = Path.GetExtension(name);
            var where = file.Origin == SlugFileOrigin.Publish ? "is in the publish output and ships in the slug" : "is in the pushed tree and ships in the slug";
            if (IsEnvFile(name))
            {
                return At(file, 1, 1, "'" + name + "' " + where + ": a local environment file holds secrets and machine settings that every dyno and slug download would get; set them as config vars (heroku config:set) and keep the file out of git (.gitignore, git rm --cached)");
            }

            if (string.Equals(name, "secrets.json", StringComparison.OrdinalIgnoreCase))
            {
                return At(file, 1, 1, "'" + name + "' " + where + ": user secrets are for the developer's machine (dotnet user-secrets keeps them outside the repository); on Heroku use config vars");
            }

            if (KeyContainerExtensions.Contains(extension))
            {
                return At(file, 1, 1, "'" + name + "' " + where + ": a PKCS#12 file carries a private key; load certificates from config vars or a key store instead of the slug");
            }

            if (PemExtensions.Contains(extension) || SshKeyNames.Contains(name))
            {
                var line = LineOf(file, PrivateKeyMarker, problems, out _);
                return line > 0
                    ? At(file, line, 1, "'" + name + "' holds a private key and " + where + "; anyone with the slug or a dyno shell can read it: put the key in a config var and keep the file out of git")
                    : null;
            }

            if (string.Equals(name, "appsettings.Development.json", StringComparison.OrdinalIgnoreCase))
            {
                var line = LineOf(file, SecretJsonKey, problems, out var match);
                return line > 0
                    ? At(file, line, match!.Index + 1, "'" + name + "' " + where + " with the credential setting '" + match.Groups["name"].Value + "'; development settings are not meant for dynos (they apply whenever ASPNETCORE_ENVIRONMENT=Development): keep credentials in user secrets or config vars, and exclude the file from publish (CopyToPublishDirectory=\"Never\")")
                    : null;
            }

            return null;
        }

        /// <summary>A .git folder, or committed bin/obj of a project: one finding per folder, at its first file.</summary>
        private static IEnumerable<Finding> FolderFindings(IReadOnlyList<SlugFile> files, string repositoryRoot)
        {
            var folders = new SortedDictionary<string, List<SlugFile>>(StringComparer.Ordinal);
            var projectFolders = new Dictionary<string, bool>(StringComparer.Ordinal);
            foreach (var file in files)
            {
                var folder = SuspiciousFolder(file, repositoryRoot, projectFolders);
                if (folder != null)
                {
                    if (!folders.TryGetValue(folder, out var list))
                    {
                        folders.Add(folder, list = new List<SlugFile>());
                    }

                    list.Add(file);
                }
            }

            foreach (var pair in folders)
            {
                var first = pair.Value.OrderBy(f => f.RelativePath, StringComparer.Ordinal).First();
                var isGit = pair.Key.EndsWith(".git", StringComparison.Ordinal);
                yield return At(
                    first,
                    1,
                    1,
                    isGit
                        ? "the folder '" + pair.Key + "' (" + pair.Value.Count + " files) ships in the slug: a repository's history can hold every secret ever committed; remove the nested repository or make it a submodule"
                        : "the build output folder '" + pair.Key + "' (" + pair.Value.Count + " files) is committed and ships in the slug next to what the buildpack publishes to bin/publish: it can hold local settings and stale binaries; git rm -r --cached it and add bin/ and obj/ to .gitignore");
            }
        }

        private static string? SuspiciousFolder(SlugFile file, string repositoryRoot, Dictionary<string, bool> projectFolders)
        {
            var segments = file.RelativePath.Split('/');
            for (var i = 0; i < segments.Length - 1; i++)
            {
                var prefix = string.Join("/", segments, 0, i + 1);
                if (segments[i] == ".git")
                {
                    return prefix;
                }

                if (file.Origin == SlugFileOrigin.Repository && (segments[i] == "bin" || segments[i] == "obj") && IsProjectFolder(FileTree.Absolute(repositoryRoot, string.Join("/", segments, 0, i)), projectFolders))
                {
                    return prefix;
                }
            }

            return null;
        }

        private static bool IsProjectFolder(string folder, Dictionary<string, bool> known)
        {
            if (!known.TryGetValue(folder, out var isProject))
            {
                try
                {
                    isProject = Directory.Exists(folder) && Directory.EnumerateFiles(folder).Any(f => ProjectExtensions.Contains(Path.GetExtension(f)));
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    isProject = false;
                }

                known.Add(folder, isProject);
            }

            return isProject;
        }

        private static bool IsEnvFile(string name)
        {
            if (name == ".env")
            {
                return true;
            }

            if (!name.StartsWith(".env.", StringComparison.Ordinal))
            {
                return false;
            }

            var suffix = name.Substring(".env.".Length);
            return !EnvTemplateSuffixes.Any(t => suffix.Equals(t, StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>The 1-based line of the first match in the file's text, 0 when there is none or it cannot be read.</summary>
        private static int LineOf(SlugFile file, Regex pattern, List<string> problems, out Match? lineMatch)
        {
            lineMatch = null;
            string text;
            try
            {
                using (var stream = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
                {
                    var bytes = new byte[(int)Math.Min(MaxScannedBytes, stream.Length)];
                    var read = stream.Read(bytes, 0, bytes.Length);
                    text = Encoding.UTF8.GetString(bytes, 0, read);
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                problems.Add("could not read " + file.Path + " to look for secrets (" + ex.Message + ")");
                return 0;
            }

            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var match = pattern.Match(lines[i]);
                if (match.Success)
                {
                    lineMatch = match;
                    return i + 1;
                }
            }

            return 0;
        }

        private static Finding At(SlugFile file, int line, int column, string message) => new Finding(TaskRules.HK7003_SecretInSlug, file.Path, line, column, message);
    }
}
