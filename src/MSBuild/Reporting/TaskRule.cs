using HerokuAnalyzers.Heroku;

namespace HerokuAnalyzers.Tasks.Reporting
{
    internal enum FindingSeverity
    {
        Suggestion,
        Warning,
        Error,
    }

    /// <summary>A rule checked by an MSBuild task: the counterpart of an analyzer's DiagnosticDescriptor.</summary>
    internal sealed class TaskRule
    {
        public TaskRule(string id, string title, FindingSeverity defaultSeverity, string herokuError)
        {
            Id = id;
            Title = title;
            DefaultSeverity = defaultSeverity;
            HerokuError = herokuError;
        }

        public string Id { get; }

        public string Title { get; }

        public FindingSeverity DefaultSeverity { get; }

        /// <summary>The Heroku failure the rule prevents, as the README's rule table names it.</summary>
        public string HerokuError { get; }

        public string HelpLink => HelpLinks.For(Id);
    }
}
