using System.Collections.Generic;
using System.IO;
using HerokuAnalyzers.Tasks.Files;
using HerokuAnalyzers.Tasks.Project;
using HerokuAnalyzers.Tasks.Reporting;
using Microsoft.Build.Framework;

namespace HerokuAnalyzers.Tasks
{
    /// <summary>
    /// Checks the project settings the buildpack depends on (HK7004) from MSBuild properties, without
    /// compiling or publishing: before every compile and in the HerokuCheck gate, so a wrong
    /// TargetFramework or RuntimeIdentifier shows up long before a slug is built.
    /// </summary>
    public sealed class CheckHerokuProject : HerokuCheckTask
    {
        [Required]
        public string ProjectFile { get; set; } = "";

        public string? TargetFramework { get; set; }

        public string? RuntimeIdentifier { get; set; }

        /// <summary>The folder holding .git (ResolveHerokuFiles' RepositoryRoot), where the buildpack looks for the solution and global.json.</summary>
        public string? RepositoryRoot { get; set; }

        /// <summary>"container" when Heroku builds the app from a Dockerfile: the buildpack's platform choices do not apply.</summary>
        public string? DeployKind { get; set; }

        private protected override IEnumerable<Finding> Check()
            => DeployKind == DeployDetection.Container
                ? new List<Finding>()
                : PlatformChecks.Check(Path.GetFullPath(ProjectFile), TargetFramework, RuntimeIdentifier, RepositoryRoot);
    }
}
