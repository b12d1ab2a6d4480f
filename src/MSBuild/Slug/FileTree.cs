using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Text;

namespace HerokuAnalyzers.Tasks.Slug
{
    /// <summary>
    /// Lists the files that reach the slug from a folder. In a git repository that is what git tracks
    /// (<c>git ls-files</c>), because the build sees only the pushed tree; elsewhere a walk that skips
    /// the root's .git and every bin and obj, what a .NET .gitignore leaves out (a nested .git stays
    /// listed: a tarball deploy would ship it). Symbolic links are listed, never followed —
    /// tar stores them as links — so a link loop cannot make the walk endless.
    /// </summary>
    internal static class FileTree
    {
        private const int GitTimeoutMilliseconds = 60 * 1000;

        private static readonly HashSet<string> BuildOutputFolders = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "bin", "obj" };

        /// <summary>Relative '/'-separated paths below <paramref name="root"/>; <paramref name="fromGit"/> says which way they were found.</summary>
        public static List<string> RepositoryFiles(string root, List<string> problems, out bool fromGit)
        {
            var tracked = GitTrackedFiles(root, problems);
            fromGit = tracked != null;
            return tracked ?? Walk(root, (relative, name) => relative == ".git" || BuildOutputFolders.Contains(name), problems);
        }

        /// <summary>Every file below <paramref name="root"/>, nothing skipped.</summary>
        public static List<string> AllFiles(string root, List<string> problems) => Walk(root, (_, _) => false, problems);

        public static string Relative(string root, string path)
        {
            var fullRoot = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + Path.DirectorySeparatorChar;
            var full = Path.GetFullPath(path);
            var comparison = Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            var relative = full.StartsWith(fullRoot, comparison) ? full.Substring(fullRoot.Length) : full;
            return relative.Replace('\\', '/');
        }

        public static string Absolute(string root, string relative) => Path.GetFullPath(Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar)));

        private static List<string>? GitTrackedFiles(string root, List<string> problems)
        {
            var start = new ProcessStartInfo("git")
            {
                Arguments = "-C \"" + root + "\" ls-files -z --recurse-submodules",
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                CreateNoWindow = true,
            };
            try
            {
                using (var process = Process.Start(start)!)
                {
                    var error = new StringBuilder();
                    process.ErrorDataReceived += (_, e) =>
                    {
                        if (e.Data != null)
                        {
                            lock (error)
                            {
                                error.AppendLine(e.Data);
                            }
                        }
                    };
                    process.BeginErrorReadLine();
                    var output = new MemoryStream();
                    process.StandardOutput.BaseStream.CopyTo(output);
                    if (!process.WaitForExit(GitTimeoutMilliseconds))
                    {
                        process.Kill();
                        problems.Add("git ls-files did not finish in time; the estimate walks the folder instead");
                        return null;
                    }

                    if (process.ExitCode != 0)
                    {
                        lock (error)
                        {
                            problems.Add("git ls-files failed (" + error.ToString().Trim() + "); the estimate walks the folder instead");
                        }

                        return null;
                    }

                    var files = new List<string>();
                    foreach (var path in Encoding.UTF8.GetString(output.ToArray()).Split(new[] { '\0' }, StringSplitOptions.RemoveEmptyEntries))
                    {
                        files.Add(path);
                    }

                    return files;
                }
            }
            catch (Win32Exception ex)
            {
                problems.Add("git is not available (" + ex.Message + "); the estimate walks the folder instead of listing tracked files");
                return null;
            }
        }

        private static List<string> Walk(string root, Func<string, string, bool> skipFolder, List<string> problems)
        {
            var files = new List<string>();
            var pending = new Stack<string>();
            pending.Push(root);
            while (pending.Count > 0)
            {
                var folder = pending.Pop();
                IEnumerable<FileSystemInfo> entries;
                try
                {
                    entries = new DirectoryInfo(folder).GetFileSystemInfos();
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    problems.Add("could not list " + folder + " (" + ex.Message + "); its files are not counted");
                    continue;
                }

                foreach (var entry in entries)
                {
                    var isLink = (entry.Attributes & FileAttributes.ReparsePoint) != 0;
                    if (!isLink && (entry.Attributes & FileAttributes.Directory) != 0)
                    {
                        if (!skipFolder(Relative(root, entry.FullName), entry.Name))
                        {
                            pending.Push(entry.FullName);
                        }
                    }
                    else
                    {
                        files.Add(Relative(root, entry.FullName));
                    }
                }
            }

            files.Sort(StringComparer.Ordinal);
            return files;
        }

        /// <summary>Why a symbolic link is odd (a loop, a missing target), or null when it resolves.</summary>
        public static string? LinkProblem(string path)
        {
#if NET
            try
            {
                var target = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true);
                if (target == null || !target.Exists && !Directory.Exists(target.FullName))
                {
                    return "points to a missing target";
                }

                var full = Path.GetFullPath(path);
                var targetPath = target.FullName.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
                return full.StartsWith(targetPath, StringComparison.Ordinal) ? "points to a folder that contains it (a loop)" : null;
            }
            catch (IOException ex)
            {
                return "cannot be resolved (" + ex.Message + ")";
            }
            catch (UnauthorizedAccessException ex)
            {
                return "cannot be resolved (" + ex.Message + ")";
            }
#else
            return null;
#endif
        }
    }
}
