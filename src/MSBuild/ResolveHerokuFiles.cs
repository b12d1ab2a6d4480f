using System.Collections.Generic;
using HerokuAnalyzers.Tasks.Files;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace HerokuAnalyzers.Tasks
{
    /// <summary>
    /// Finds the Procfile, app.json, heroku.yml and .slugignore that apply to a project, for the
    /// analyzers (as AdditionalFiles) and for <see cref="CheckHerokuFiles"/>.
    /// </summary>
    public sealed class ResolveHerokuFiles : Task
    {
        [Required]
        public string ProjectDirectory { get; set; } = "";

        /// <summary>The files found, with metadata HerokuFileKind (Procfile, AppJson, HerokuYml, SlugIgnore).</summary>
        [Output]
        public ITaskItem[] HerokuFiles { get; private set; } = new ITaskItem[0];

        /// <summary>
        /// Files at the app root that Heroku ignores because of their name (procfile, Procfile.txt,
        /// heroku.yaml), with metadata HerokuFileKind naming the file they were meant to be.
        /// </summary>
        [Output]
        public ITaskItem[] MisnamedHerokuFiles { get; private set; } = new ITaskItem[0];

        /// <summary>HerokuDeploy as the project sets it: "container", "buildpack", or empty to detect it.</summary>
        public string? Deploy { get; set; }

        /// <summary>HerokuDockerfile: the Dockerfile of a container:push deploy, relative to the project; empty for the nearest one.</summary>
        public string? Dockerfile { get; set; }

        /// <summary>"container" or "buildpack": how Heroku builds this app (<see cref="DeployDetection"/>).</summary>
        [Output]
        public string DeployKind { get; private set; } = DeployDetection.Buildpack;

        /// <summary>The directory holding .git, empty when the project is not in a repository.</summary>
        [Output]
        public string RepositoryRoot { get; private set; } = "";

        public override bool Execute()
        {
            var located = HerokuFileLocator.Locate(ProjectDirectory);
            var items = new List<ITaskItem>();
            foreach (var pair in located.Files)
            {
                var item = new TaskItem(pair.Value);
                item.SetMetadata("HerokuFileKind", pair.Key.ToString());
                item.SetMetadata("Visible", "false");
                items.Add(item);
            }

            var deploy = DeployDetection.Detect(ProjectDirectory, located.Files, located.RepositoryRoot, Deploy, Dockerfile);
            DeployKind = deploy.Kind;
            Log.LogMessage(MessageImportance.Low, "HerokuAnalyzers: this app deploys as {0} ({1}).", deploy.Kind, deploy.Reason);
            if (deploy.Dockerfile != null)
            {
                var item = new TaskItem(deploy.Dockerfile);
                item.SetMetadata("HerokuFileKind", HerokuFileKind.Dockerfile.ToString());
                item.SetMetadata("HerokuDockerTarget", deploy.DockerTarget ?? "");
                item.SetMetadata("Visible", "false");
                items.Add(item);
            }

            HerokuFiles = items.ToArray();
            var misnamed = new List<ITaskItem>();
            foreach (var pair in located.Misnamed)
            {
                var item = new TaskItem(pair.Value);
                item.SetMetadata("HerokuFileKind", pair.Key.ToString());
                misnamed.Add(item);
            }

            MisnamedHerokuFiles = misnamed.ToArray();
            RepositoryRoot = located.RepositoryRoot ?? "";
            return true;
        }
    }
}
