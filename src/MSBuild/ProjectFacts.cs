namespace HerokuAnalyzers.Tasks
{
    /// <summary>What the build knows about the project whose Heroku files are checked.</summary>
    internal sealed class ProjectFacts
    {
        public ProjectFacts(string? projectDirectory, string? assemblyName, string? repositoryRoot, bool isWebProject, bool inspectFileSystem)
        {
            ProjectDirectory = string.IsNullOrEmpty(projectDirectory) ? null : projectDirectory;
            AssemblyName = string.IsNullOrEmpty(assemblyName) ? null : assemblyName;
            RepositoryRoot = string.IsNullOrEmpty(repositoryRoot) ? null : repositoryRoot;
            IsWebProject = isWebProject;
            InspectFileSystem = inspectFileSystem;
        }

        /// <summary>A file checked on its own: no project, and the files beside it are not the app's.</summary>
        public static ProjectFacts Unknown { get; } = new ProjectFacts(null, null, null, isWebProject: false, inspectFileSystem: false);

        public string? ProjectDirectory { get; }

        /// <summary>The name of the apphost the buildpack publishes (docs/heroku-facts.md#buildpack-detect, #buildpack-publish).</summary>
        public string? AssemblyName { get; }

        public string? RepositoryRoot { get; }

        /// <summary>The project uses the Web SDK: the buildpack makes it the web process when there is no Procfile (docs/heroku-facts.md#buildpack-web-process).</summary>
        public bool IsWebProject { get; }

        /// <summary>Whether checks may look at files beside the checked one (Dockerfiles, the tree .slugignore filters).</summary>
        public bool InspectFileSystem { get; }
    }
}
