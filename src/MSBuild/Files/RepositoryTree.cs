using System;
using System.Collections.Generic;
using System.IO;

namespace HerokuAnalyzers.Tasks.Files
{
    /// <summary>
    /// The files and directories below an app root, as paths relative to it with '/' separators and
    /// their exact case (Heroku builds on Linux, where names are case-sensitive). The walk is bounded so a
    /// huge checkout stays cheap; <see cref="IsComplete"/> says whether it saw everything.
    /// </summary>
    internal sealed class RepositoryTree
    {
        public const int MaxEntries = 50000;

        /// <summary>Not part of the pushed source (.git) or too big to list (build output, packages): listed, not entered.</summary>
        private static readonly HashSet<string> Unentered = new HashSet<string>(StringComparer.Ordinal) { ".git", "bin", "obj", "node_modules", "packages" };

        private readonly HashSet<string> _files;
        private readonly HashSet<string> _directories;

        private RepositoryTree(string root, List<string> files, List<string> directories, bool isComplete)
        {
            Root = root;
            Files = files;
            Directories = directories;
            IsComplete = isComplete;
            _files = new HashSet<string>(files, StringComparer.Ordinal);
            _directories = new HashSet<string>(directories, StringComparer.Ordinal);
        }

        public string Root { get; }

        public IReadOnlyList<string> Files { get; }

        public IReadOnlyList<string> Directories { get; }

        public bool IsComplete { get; }

        public bool ContainsFile(string relative) => _files.Contains(relative);

        public bool ContainsDirectory(string relative) => _directories.Contains(relative);

        public static RepositoryTree Scan(string root)
        {
            var files = new List<string>();
            var directories = new List<string>();
            var pending = new Queue<string>();
            pending.Enqueue("");
            var complete = true;
            while (pending.Count > 0)
            {
                var relative = pending.Dequeue();
                IEnumerable<string> entries;
                try
                {
                    entries = Directory.EnumerateFileSystemEntries(relative.Length == 0 ? root : Path.Combine(root, relative));
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    complete = false;
                    continue;
                }

                foreach (var entry in entries)
                {
                    if (files.Count + directories.Count >= MaxEntries)
                    {
                        return new RepositoryTree(root, files, directories, isComplete: false);
                    }

                    var name = Path.GetFileName(entry);
                    var path = relative.Length == 0 ? name : relative + "/" + name;
                    if (Directory.Exists(entry))
                    {
                        if (name == ".git")
                        {
                            continue;
                        }

                        directories.Add(path);
                        if (!Unentered.Contains(name))
                        {
                            pending.Enqueue(path);
                        }
                    }
                    else
                    {
                        files.Add(path);
                    }
                }
            }

            return new RepositoryTree(root, files, directories, complete);
        }

        /// <summary>
        /// Whether <paramref name="relative"/> names an existing file below <paramref name="root"/>, comparing
        /// names with <paramref name="comparison"/> (Ordinal: as Linux does), without listing the whole tree.
        /// </summary>
        public static bool FileExists(string root, string relative, StringComparison comparison)
        {
            var directory = root;
            var parts = relative.Replace('\\', '/').Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < parts.Length; i++)
            {
                var part = parts[i];
                if (part == ".")
                {
                    continue;
                }

                if (part == "..")
                {
                    directory = Path.GetDirectoryName(directory) ?? directory;
                    continue;
                }

                string? match = null;
                try
                {
                    foreach (var entry in Directory.EnumerateFileSystemEntries(directory))
                    {
                        if (string.Equals(Path.GetFileName(entry), part, comparison))
                        {
                            match = entry;
                            break;
                        }
                    }
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException)
                {
                    return false;
                }

                if (match == null)
                {
                    return false;
                }

                directory = match;
            }

            return parts.Length > 0 && File.Exists(directory);
        }
    }
}
