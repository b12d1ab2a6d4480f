namespace HerokuAnalyzers.Infrastructure
{
    /// <summary>Diagnostic categories, one per rule family (the ID ranges of the README).</summary>
    internal static class Categories
    {
        public const string RequestPath = "Heroku.RequestPath";
        public const string Memory = "Heroku.Memory";
        public const string Hosting = "Heroku.Hosting";
        public const string Platform = "Heroku.Platform";
    }
}
