#if NET
using System;
using System.Collections.Generic;
using System.IO;

namespace HerokuAnalyzers.Tasks.Rehearsal
{
    /// <summary>
    /// The app directory as a dyno sees it (/app, docs/heroku-facts.md#buildpack-publish): the app root's files, with the
    /// publish output at <c>&lt;project dir&gt;/bin/publish</c> where the .NET buildpack puts it, whatever
    /// folder the local publish wrote. Built from symbolic links under obj/, so it costs nothing to lay
    /// out, and the app's writes to $HOME land there rather than in the repository's root.
    /// </summary>
    internal static class AppStage
    {
        /// <summary>Lays out <paramref name="stageRoot"/>; <paramref name="publishRelative"/> is app-root relative with '/'.</summary>
        public static void Create(string appRoot, string publishRelative, string publishDirectory, string stageRoot)
        {
            if (Directory.Exists(stageRoot))
            {
                // Deletes the links, never what they point to.
                Directory.Delete(stageRoot, recursive: true);
            }

            var parts = publishRelative.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
            Mirror(Path.GetFullPath(appRoot), Path.GetFullPath(stageRoot), parts, 0, Path.GetFullPath(publishDirectory));
        }

        private static void Mirror(string source, string target, IReadOnlyList<string> path, int index, string publishDirectory)
        {
            Directory.CreateDirectory(target);
            var next = path[index];

            // The publish folder's parent (bin/) holds nothing else on a dyno: the buildpack builds with
            // --artifacts-path outside the app (docs/heroku-facts.md#buildpack-publish), so local bin/Debug and bin/Release are not there.
            var isPublishParent = index == path.Count - 1;
            if (!isPublishParent && Directory.Exists(source))
            {
                foreach (var entry in Directory.EnumerateFileSystemEntries(source))
                {
                    var name = Path.GetFileName(entry);
                    if (name == next || IsInside(target, entry))
                    {
                        continue;
                    }

                    var link = Path.Combine(target, name);
                    if (Directory.Exists(entry))
                    {
                        Directory.CreateSymbolicLink(link, entry);
                    }
                    else
                    {
                        File.CreateSymbolicLink(link, entry);
                    }
                }
            }

            var nextTarget = Path.Combine(target, next);
            if (index == path.Count - 1)
            {
                Directory.CreateSymbolicLink(nextTarget, publishDirectory);
                return;
            }

            Mirror(Path.Combine(source, next), nextTarget, path, index + 1, publishDirectory);
        }

        /// <summary>True when the stage itself lies inside <paramref name="entry"/>: linking it would loop.</summary>
        private static bool IsInside(string stage, string entry)
            => stage.StartsWith(entry.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }
}
#endif
