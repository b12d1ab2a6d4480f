using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HerokuAnalyzers.Tasks.Project;

namespace HerokuAnalyzers.Tasks.Slug
{
    /// <summary>
    /// For a big folder or file that no dyno needs, how to drop it. .slugignore runs before the build
    /// (docs/heroku-facts.md#slugignore), so it cannot touch the publish output, and it must not remove a
    /// project the built solution names (docs/heroku-facts.md#buildpack-detect: a missing project fails the
    /// build); for those the advice is a project setting.
    /// </summary>
    internal sealed class SlugAdvice
    {
        private static readonly HashSet<string> DocsFolders = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "docs", "doc", "documentation" };

        private static readonly HashSet<string> TestFolders = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "test", "tests", "spec", "specs" };

        private static readonly HashSet<string> ToolFolders = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "node_modules", ".github", ".vscode", ".idea" };

        private static readonly string[] TestSuffixes = { ".Tests", ".Test", "Tests", ".UnitTests", ".IntegrationTests", ".Specs" };

        private static readonly HashSet<string> DesignExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".psd", ".sketch", ".fig", ".ai", ".xcf", ".blend", ".afdesign", ".kra" };

        private readonly HashSet<string> _solutionFolders;
        private readonly string _solutionNames;

        public SlugAdvice(string repositoryRoot)
        {
            var solutions = SolutionFile.AtRoot(repositoryRoot);
            _solutionNames = string.Join(", ", solutions.Select(Path.GetFileName));
            _solutionFolders = new HashSet<string>(
                solutions.SelectMany(SolutionFile.Projects).Select(p => FileTree.Relative(repositoryRoot, Path.GetDirectoryName(p)!)),
                StringComparer.Ordinal);
        }

        /// <summary>Advice for a folder of the pushed tree ('/'-separated, relative to the root), or null when it may be needed.</summary>
        public string? ForRepositoryFolder(string folder)
        {
            var segments = folder.Split('/');
            for (var i = 0; i < segments.Length; i++)
            {
                var prefix = string.Join("/", segments, 0, i + 1);
                var name = segments[i];
                if (TestFolders.Contains(name) || TestSuffixes.Any(s => name.EndsWith(s, StringComparison.OrdinalIgnoreCase)))
                {
                    var named = _solutionFolders.FirstOrDefault(f => f == prefix || f.StartsWith(prefix + "/", StringComparison.Ordinal));
                    return named == null
                        ? ".slugignore: /" + prefix + "/"
                        : "tests, but " + _solutionNames + " names " + named + ": ignoring it would fail the build; point SOLUTION_FILE at a solution without tests";
                }

                if (DocsFolders.Contains(name) || ToolFolders.Contains(name))
                {
                    return ".slugignore: /" + prefix + "/" + (name == "node_modules" ? " (if no build step needs it)" : "");
                }
            }

            return null;
        }

        public string? ForFile(SlugFile file)
        {
            var extension = Path.GetExtension(file.Path);
            if (file.Origin == SlugFileOrigin.Publish)
            {
                return string.Equals(extension, ".pdb", StringComparison.OrdinalIgnoreCase)
                    ? "<DebugType>none</DebugType> for Release (publish output: .slugignore cannot remove it)"
                    : null;
            }

            if (string.Equals(extension, ".pdb", StringComparison.OrdinalIgnoreCase) || DesignExtensions.Contains(extension))
            {
                return ".slugignore: *" + extension.ToLowerInvariant();
            }

            var slash = file.RelativePath.LastIndexOf('/');
            return slash > 0 ? ForRepositoryFolder(file.RelativePath.Substring(0, slash)) : null;
        }
    }
}
