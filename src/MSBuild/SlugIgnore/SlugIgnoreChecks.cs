using System;
using System.Collections.Generic;
using System.IO;
using HerokuAnalyzers.Tasks.Files;
using HerokuAnalyzers.Tasks.Reporting;

namespace HerokuAnalyzers.Tasks.SlugIgnore
{
    /// <summary>
    /// The .slugignore checks (HK7010–HK7012) over one <see cref="SlugIgnoreModel"/> and the app's file
    /// tree. .slugignore is applied before the buildpack runs (docs/heroku-facts.md#slugignore), so what it removes the
    /// .NET build never sees.
    /// </summary>
    internal static class SlugIgnoreChecks
    {
        /// <summary>Pattern × entry matches allowed for "matches nothing"; above it the check is skipped, not guessed.</summary>
        private const long MaxMatchWork = 5000000;

        private const int MaxNeededFiles = 5000;

        /// <summary>Stand-ins for a .NET app's build inputs when the tree beside the file is not known.</summary>
        private static readonly string[] TypicalBuildInputs =
        {
            "App.sln", "App.slnx", "App.csproj", "App/App.csproj", "App/App.fsproj", "App/App.vbproj", "App/Program.cs", "Program.cs",
            "global.json", "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "NuGet.config", ".config/dotnet-tools.json",
        };

        public static List<Finding> Check(SlugIgnoreModel model, ProjectFacts project, CheckGuard? guard = null)
        {
            guard = guard ?? CheckGuard.Throwing;
            var findings = new List<Finding>();
            if (model.File == null)
            {
                return findings;
            }

            // Each rule runs on its own: one that throws does not hide the others.
            guard.Run(TaskRules.HK7013_SlugIgnoreInvalidPattern.Id, model.Path, () => CheckPatternSyntax(model, findings));
            guard.Run(TaskRules.HK7011_SlugIgnoreNegation.Id, model.Path, () =>
            {
                foreach (var negation in model.Negations)
                {
                    findings.Add(new Finding(TaskRules.HK7011_SlugIgnoreNegation, model.Path, negation.Line, negation.Column,
                        "Heroku's .slugignore does not support '!' negation: the line does not bring '" + (negation.Text.Length > 1 ? negation.Text.Substring(1) : negation.Text) + "' back, and files matched by other lines are still removed from the build. Narrow the other patterns instead."));
                }
            });

            guard.Run(TaskRules.HK7010_SlugIgnoreRemovesBuildInput.Id + ", " + TaskRules.HK7012_SlugIgnoreMatchesNothing.Id, model.Path, () => CheckMatches(model, project, findings));
            return findings;
        }

        /// <summary>HK7013: a line git cannot read as the glob it looks like, at the character that is wrong.</summary>
        private static void CheckPatternSyntax(SlugIgnoreModel model, List<Finding> findings)
        {
            foreach (var pattern in model.Patterns)
            {
                if (pattern.Problem != null)
                {
                    findings.Add(new Finding(TaskRules.HK7013_SlugIgnoreInvalidPattern, model.Path, pattern.Line, pattern.ProblemColumn,
                        "'" + pattern.Text + "' " + pattern.Problem + ". .slugignore is read like .gitignore, so the files this line was meant for stay in the slug. Fix the pattern or remove the line."));
                }
            }
        }

        private static void CheckMatches(SlugIgnoreModel model, ProjectFacts project, List<Finding> findings)
        {
            var root = Path.GetDirectoryName(Path.GetFullPath(model.Path))!;
            var tree = project.InspectFileSystem ? RepositoryTree.Scan(root) : null;
            var needed = tree != null ? BuildInputs(tree, root, project) : new List<string>(TypicalBuildInputs);
            foreach (var pattern in model.Patterns)
            {
                var removed = new List<string>();
                foreach (var file in needed)
                {
                    if (pattern.Removes(file))
                    {
                        removed.Add(file);
                    }
                }

                if (removed.Count > 0)
                {
                    findings.Add(new Finding(TaskRules.HK7010_SlugIgnoreRemovesBuildInput, model.Path, pattern.Line, pattern.Column,
                        "'" + pattern.Text + "' removes " + Describe(removed, tree == null) + " before the buildpack runs (.slugignore is applied first): the .NET buildpack cannot find or build the app and the build fails. "
                        + "Remove the pattern; build output (bin/, obj/) is created after .slugignore and cannot be removed by it."));
                }
            }

            if (tree != null && tree.IsComplete && (long)model.Patterns.Count * (tree.Files.Count + tree.Directories.Count) <= MaxMatchWork)
            {
                foreach (var pattern in model.Patterns)
                {
                    // A line HK7013 already reports matches nothing because of its problem: one finding is enough.
                    if (pattern.Problem == null && !MatchesAnything(pattern, tree))
                    {
                        findings.Add(new Finding(TaskRules.HK7012_SlugIgnoreMatchesNothing, model.Path, pattern.Line, pattern.Column,
                            "'" + pattern.Text + "' matches nothing in the repository, so it does not make the slug smaller. Fix the pattern (paths are relative to the repository root) or remove it."));
                    }
                }
            }
        }

        private static List<string> BuildInputs(RepositoryTree tree, string root, ProjectFacts project)
        {
            var inputs = new List<string>();
            foreach (var file in tree.Files)
            {
                if (inputs.Count < MaxNeededFiles && IsBuildInput(file))
                {
                    inputs.Add(file);
                }
            }

            if (project.ProjectDirectory != null)
            {
                var projectDirectory = Path.GetFullPath(project.ProjectDirectory);
                if (projectDirectory.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    // The project's own folder counts even when its sources have other extensions.
                    inputs.Add(projectDirectory.Substring(root.Length + 1).Replace('\\', '/') + "/");
                }
            }

            return inputs;
        }

        private static bool IsBuildInput(string file)
        {
            var name = file.Substring(file.LastIndexOf('/') + 1);
            var extension = Path.GetExtension(name).ToLowerInvariant();
            switch (extension)
            {
                case ".sln":
                case ".slnx":
                case ".csproj":
                case ".fsproj":
                case ".vbproj":
                case ".cs":
                case ".fs":
                case ".vb":
                case ".razor":
                case ".cshtml":
                    return true;
            }

            return name == "global.json" || name == "Directory.Build.props" || name == "Directory.Build.targets" || name == "Directory.Packages.props"
                || string.Equals(name, "NuGet.config", StringComparison.OrdinalIgnoreCase) || file == ".config/dotnet-tools.json";
        }

        private static string Describe(List<string> removed, bool typical)
        {
            var first = removed[0].TrimEnd('/');
            var what = typical ? "files such as '" + first + "'" : "'" + first + "'";
            return removed.Count > 1 && !typical ? what + " and " + (removed.Count - 1) + " more build input" + (removed.Count > 2 ? "s" : "") : what;
        }

        private static bool MatchesAnything(SlugIgnorePattern pattern, RepositoryTree tree)
        {
            foreach (var directory in tree.Directories)
            {
                if (pattern.MatchesEntry(directory, isDirectory: true))
                {
                    return true;
                }
            }

            foreach (var file in tree.Files)
            {
                if (pattern.MatchesEntry(file, isDirectory: false))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
