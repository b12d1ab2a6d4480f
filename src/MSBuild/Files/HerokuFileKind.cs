namespace HerokuAnalyzers.Tasks.Files
{
    /// <summary>The Heroku files the package finds and checks; the names are the HerokuFileKind metadata values.</summary>
    internal enum HerokuFileKind
    {
        Procfile,
        AppJson,
        HerokuYml,
        SlugIgnore,

        /// <summary>The Dockerfile of the web image, on container deploys only (see <see cref="DeployDetection"/>).</summary>
        Dockerfile,
    }
}
