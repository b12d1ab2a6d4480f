using System;
using System.Collections.Generic;
using System.IO;
using HerokuAnalyzers.Heroku;

namespace HerokuAnalyzers.Tasks.Files
{
    /// <summary>
    /// Finds the Heroku files that apply to a project: for each kind the nearest one walking up from the
    /// project directory, stopping at the repository root (the directory holding .git). Heroku reads
    /// them at the root of the pushed tree and matches names exactly, so this compares names
    /// ordinally even where the file system does not.
    /// </summary>
    internal static class HerokuFileLocator
    {
        private static readonly KeyValuePair<string, HerokuFileKind>[] Names =
        {
            new KeyValuePair<string, HerokuFileKind>(HerokuFacts.ProcfileName, HerokuFileKind.Procfile),
            new KeyValuePair<string, HerokuFileKind>(HerokuFacts.AppJsonName, HerokuFileKind.AppJson),
            new KeyValuePair<string, HerokuFileKind>(HerokuFacts.HerokuYmlName, HerokuFileKind.HerokuYml),
            new KeyValuePair<string, HerokuFileKind>(HerokuFacts.SlugIgnoreName, HerokuFileKind.SlugIgnore),
        };

        /// <summary>How far up the walk goes when no repository root is found.</summary>
        private const int MaxLevels = 32;

        public static LocatedFiles Locate(string projectDirectory)
        {
            var found = new Dictionary<HerokuFileKind, string>();
            var misnamed = new List<KeyValuePair<HerokuFileKind, string>>();
            string? repositoryRoot = null;
            HashSet<string>? projectNames = null;
            var directory = new DirectoryInfo(Path.GetFullPath(projectDirectory));
            for (var level = 0; directory != null && level < MaxLevels; level++, directory = directory.Parent)
            {
                var names = EntryNames(directory.FullName);
                projectNames ??= names;
                foreach (var pair in Names)
                {
                    if (!found.ContainsKey(pair.Value) && names.Contains(pair.Key) && File.Exists(Path.Combine(directory.FullName, pair.Key)))
                    {
                        found.Add(pair.Value, Path.Combine(directory.FullName, pair.Key));
                    }
                }

                if (names.Contains(".git"))
                {
                    repositoryRoot = directory.FullName;
                    AddMisnamed(directory.FullName, names, misnamed);
                    break;
                }
            }

            if (repositoryRoot == null && projectNames != null)
            {
                AddMisnamed(Path.GetFullPath(projectDirectory), projectNames, misnamed);
            }

            return new LocatedFiles(found, repositoryRoot, misnamed);
        }

        /// <summary>
        /// Names people give these files that Heroku never reads (docs/heroku-facts.md#procfile-name, #herokuyml), looked for where
        /// Heroku looks: the app root. Only reported when the right name is not there as well.
        /// </summary>
        private static void AddMisnamed(string directory, HashSet<string> names, List<KeyValuePair<HerokuFileKind, string>> misnamed)
        {
            foreach (var name in names)
            {
                HerokuFileKind? kind = null;
                if (name != HerokuFacts.ProcfileName
                    && (string.Equals(name, HerokuFacts.ProcfileName, StringComparison.OrdinalIgnoreCase)
                        || string.Equals(name, HerokuFacts.ProcfileName + ".txt", StringComparison.OrdinalIgnoreCase)))
                {
                    kind = names.Contains(HerokuFacts.ProcfileName) ? null : HerokuFileKind.Procfile;
                }
                else if (string.Equals(name, HerokuFacts.HerokuYamlMisspelling, StringComparison.OrdinalIgnoreCase)
                    || (name != HerokuFacts.HerokuYmlName && string.Equals(name, HerokuFacts.HerokuYmlName, StringComparison.OrdinalIgnoreCase)))
                {
                    kind = names.Contains(HerokuFacts.HerokuYmlName) ? null : HerokuFileKind.HerokuYml;
                }

                var path = Path.Combine(directory, name);
                if (kind != null && File.Exists(path))
                {
                    misnamed.Add(new KeyValuePair<HerokuFileKind, string>(kind.Value, path));
                }
            }

            misnamed.Sort((a, b) => string.CompareOrdinal(a.Value, b.Value));
        }

        private static HashSet<string> EntryNames(string directory)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            try
            {
                foreach (var entry in Directory.EnumerateFileSystemEntries(directory))
                {
                    names.Add(Path.GetFileName(entry));
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // An unreadable ancestor ends nothing: the files below it were already looked at.
            }

            return names;
        }
    }

    internal sealed class LocatedFiles
    {
        public LocatedFiles(IReadOnlyDictionary<HerokuFileKind, string> files, string? repositoryRoot, IReadOnlyList<KeyValuePair<HerokuFileKind, string>> misnamed)
        {
            Files = files;
            RepositoryRoot = repositoryRoot;
            Misnamed = misnamed;
        }

        public IReadOnlyDictionary<HerokuFileKind, string> Files { get; }

        /// <summary>The directory holding .git, or null when the project is not in a repository.</summary>
        public string? RepositoryRoot { get; }

        /// <summary>Files at the app root that Heroku ignores because of their name, with the kind they were meant to be.</summary>
        public IReadOnlyList<KeyValuePair<HerokuFileKind, string>> Misnamed { get; }
    }
}
