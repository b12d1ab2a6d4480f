using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace HerokuAnalyzers.Tasks.Gate
{
    /// <summary>
    /// Writes a git pre-push hook that runs the HerokuCheck target of a project and refuses the push
    /// on any error. It never replaces a hook it did not write, unless told to (Force).
    /// </summary>
    public sealed class InstallHerokuPrePushHook : Task
    {
        /// <summary>Marks hooks this task wrote: those it may overwrite.</summary>
        internal const string Marker = "# HerokuAnalyzers pre-push hook";

        [Required]
        public string RepositoryRoot { get; set; } = "";

        [Required]
        public string ProjectPath { get; set; } = "";

        public bool Force { get; set; }

        /// <summary>HerokuRehearseOnPush: the hook also publishes the app and runs the dyno rehearsal (HerokuRehearse).</summary>
        public bool Rehearse { get; set; }

        [Output]
        public string HookPath { get; private set; } = "";

        public override bool Execute()
        {
            if (RepositoryRoot.Length == 0)
            {
                Log.LogError("The project is not inside a git repository (no .git found above it): there is nothing to install a pre-push hook into.");
                return false;
            }

            HookPath = Path.Combine(HooksDirectory(RepositoryRoot), "pre-push");
            if (File.Exists(HookPath) && !Force && File.ReadAllText(HookPath).IndexOf(Marker, StringComparison.Ordinal) < 0)
            {
                Log.LogError(HookPath + " already exists and was not written by HerokuAnalyzers; it was left alone. Add the check to it yourself, or replace it with -p:Force=true.");
                return false;
            }

            var project = MakeRelative(RepositoryRoot, ProjectPath);
            Directory.CreateDirectory(Path.GetDirectoryName(HookPath)!);
            File.WriteAllText(HookPath, Script(project, Rehearse), new UTF8Encoding(false));
#if NET
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(HookPath, File.GetUnixFileMode(HookPath) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            }
#endif
            Log.LogMessage(MessageImportance.High, "Installed " + HookPath + ": every git push now runs the Heroku checks of " + project + ".");
            return true;
        }

        internal static string Script(string relativeProjectPath, bool rehearse = false)
        {
            var builder = new StringBuilder();
            builder.Append("#!/bin/sh\n");
            builder.Append(Marker).Append(" (written by: dotnet msbuild -t:HerokuInstallPrePushHook).\n");
            builder.Append("# Refuses the push when the Heroku checks of the app report an error.\n");
            builder.Append("# Skip it once with `git push --no-verify`; delete this file to remove it.\n");
            builder.Append("cd \"$(git rev-parse --show-toplevel)\" || exit 1\n");
            builder.Append("echo \"HerokuAnalyzers: checking ").Append(relativeProjectPath).Append(" before push...\"\n");
            builder.Append("exec dotnet msbuild \"").Append(relativeProjectPath).Append("\" -restore ")
                .Append(rehearse ? "\"-t:HerokuCheck;HerokuRehearse\" -p:HerokuRehearsalPublish=true -p:Configuration=Release" : "-t:HerokuCheck").Append(" -nologo -tl:off -v:m\n");
            return builder.ToString();
        }

        /// <summary>Where git looks for hooks (core.hooksPath, worktrees); .git/hooks when git cannot say.</summary>
        private static string HooksDirectory(string repositoryRoot)
        {
            try
            {
                var start = new ProcessStartInfo("git", "rev-parse --git-path hooks")
                {
                    WorkingDirectory = repositoryRoot,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                    CreateNoWindow = true,
                };
                using (var git = Process.Start(start))
                {
                    if (git != null)
                    {
                        var output = git.StandardOutput.ReadToEnd().Trim();
                        git.StandardError.ReadToEnd();
                        if (git.WaitForExit(10000) && git.ExitCode == 0 && output.Length > 0)
                        {
                            return Path.GetFullPath(Path.Combine(repositoryRoot, output));
                        }
                    }
                }
            }
            catch (Exception ex) when (ex is System.ComponentModel.Win32Exception || ex is InvalidOperationException)
            {
                // git is not on PATH: fall back to the default location.
            }

            return Path.Combine(repositoryRoot, ".git", "hooks");
        }

        private static string MakeRelative(string root, string path)
        {
            var rootUri = new Uri(Path.GetFullPath(root).TrimEnd('/', '\\') + Path.DirectorySeparatorChar);
            return Uri.UnescapeDataString(rootUri.MakeRelativeUri(new Uri(Path.GetFullPath(path))).ToString());
        }
    }
}
