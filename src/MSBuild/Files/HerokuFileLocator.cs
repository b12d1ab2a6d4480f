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
            string? repositoryRoot = null;
            var directory = new DirectoryInfo(Path.GetFullPath(projectDirectory));
            for (var level = 0; directory != null && level < MaxLevels; level++, directory = directory.Parent)
            {
                var names = EntryNames(directory.FullName);
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
                    break;
                }
            }

            return new LocatedFiles(found, repositoryRoot);
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
        public LocatedFiles(IReadOnlyDictionary<HerokuFileKind, string> files, string? repositoryRoot)
        {
            Files = files;
            RepositoryRoot = repositoryRoot;
        }

        public IReadOnlyDictionary<HerokuFileKind, string> Files { get; }

        /// <summary>The directory holding .git, or null when the project is not in a repository.</summary>
        public string? RepositoryRoot { get; }
    }
}
