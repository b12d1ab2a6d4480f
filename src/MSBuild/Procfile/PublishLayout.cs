using System;
using System.Collections.Generic;
using System.IO;
using HerokuAnalyzers.Heroku;
using HerokuAnalyzers.Shell;

namespace HerokuAnalyzers.Tasks.Procfile
{
    /// <summary>
    /// Where the .NET buildpack puts the project being built: its apphost <c>&lt;AssemblyName&gt;</c> in
    /// <c>&lt;project dir&gt;/bin/publish/</c>, relative to the app root (docs/heroku-facts.md#buildpack-publish, #buildpack-web-process). Paths are
    /// app-root relative with '/' and no trailing slash; null means "cannot tell".
    /// </summary>
    internal sealed class PublishLayout
    {
        private PublishLayout(string directory, string assemblyName)
        {
            Directory = directory;
            AssemblyName = assemblyName;
        }

        public string Directory { get; }

        public string AssemblyName { get; }

        /// <summary>The layout for the project, seen from the app root (the Procfile's directory).</summary>
        public static PublishLayout? For(string procfilePath, ProjectFacts project)
        {
            if (project.AssemblyName == null || project.ProjectDirectory == null)
            {
                return null;
            }

            var appRoot = Path.GetDirectoryName(Path.GetFullPath(procfilePath));
            var projectDirectory = Path.GetFullPath(project.ProjectDirectory).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
            if (appRoot == null)
            {
                return null;
            }

            string relative;
            if (string.Equals(projectDirectory, appRoot.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
            {
                relative = "";
            }
            else if (projectDirectory.StartsWith(appRoot.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                relative = projectDirectory.Substring(appRoot.TrimEnd(Path.DirectorySeparatorChar).Length + 1).Replace('\\', '/') + "/";
            }
            else
            {
                return null;
            }

            return new PublishLayout(relative + HerokuFacts.BuildpackPublishDirectory, project.AssemblyName);
        }

        /// <summary>The directory after <c>cd target</c> from <paramref name="current"/>, or null when it cannot be known.</summary>
        public static string? ResolveDirectory(string? current, string target)
        {
            if (current == null)
            {
                return null;
            }

            foreach (var home in new[] { "$HOME", "${HOME}", "~", "/app" })
            {
                if (target == home || target.StartsWith(home + "/", StringComparison.Ordinal))
                {
                    current = "";
                    target = target.Substring(home.Length);
                    break;
                }
            }

            if (target.StartsWith("/", StringComparison.Ordinal) && current.Length > 0)
            {
                return null;
            }

            if (target.IndexOf('$') >= 0 || target.IndexOf('*') >= 0 || target == "-")
            {
                return null;
            }

            var parts = new List<string>();
            if (current.Length > 0)
            {
                parts.AddRange(current.Split('/'));
            }

            foreach (var part in target.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries))
            {
                if (part == ".")
                {
                    continue;
                }

                if (part == "..")
                {
                    if (parts.Count == 0)
                    {
                        return null;
                    }

                    parts.RemoveAt(parts.Count - 1);
                    continue;
                }

                parts.Add(part);
            }

            return string.Join("/", parts);
        }

        /// <summary>Why the program a simple command starts is not where the buildpack publishes this project, or null.</summary>
        public string? Check(string? currentDirectory, List<ShellWord> words, bool isWeb)
        {
            var program = ShellCommand.ProgramName(words[0].Text);
            string file;
            bool viaDotnet;
            if (program == "dotnet" && words.Count > 1 && words[1].Text.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            {
                file = words[1].Text;
                viaDotnet = true;
            }
            else if (words[0].Text.IndexOf('/') >= 0 && !words[0].Text.StartsWith("/", StringComparison.Ordinal) || words[0].Text.StartsWith("$HOME/", StringComparison.Ordinal) || words[0].Text.StartsWith("/app/", StringComparison.Ordinal))
            {
                file = words[0].Text;
                viaDotnet = false;
            }
            else
            {
                return null;
            }

            var slash = file.LastIndexOf('/');
            var directory = ResolveDirectory(currentDirectory, slash >= 0 ? file.Substring(0, slash) : ".");
            if (directory == null)
            {
                return null;
            }

            var name = file.Substring(slash + 1);
            var stem = viaDotnet ? name.Substring(0, name.Length - ".dll".Length) : name;
            var run = "'cd " + Directory + "; ./" + AssemblyName + "'";
            if (directory == Directory)
            {
                if (stem == AssemblyName)
                {
                    return null;
                }

                if (string.Equals(stem, AssemblyName, StringComparison.OrdinalIgnoreCase))
                {
                    return "The buildpack publishes '" + AssemblyName + "' and Linux file names are case-sensitive: '" + name + "' does not exist on the dyno (H10 app crashed). Run " + run + ".";
                }

                return isWeb && !viaDotnet
                    ? "The buildpack publishes this project's apphost as '" + Directory + "/" + AssemblyName + "' (AssemblyName): '" + name + "' is not there and the web process crashes (H10 app crashed). Run " + run + "."
                    : null;
            }

            if (!string.Equals(stem, AssemblyName, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            return "The .NET buildpack publishes '" + AssemblyName + "' to '" + Directory + "/' (its fixed layout): '" + (directory.Length == 0 ? "" : directory + "/") + name
                + "' does not exist on the dyno (H10 app crashed). Run " + run + ".";
        }
    }
}
