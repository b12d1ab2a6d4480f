namespace HerokuAnalyzers.Heroku
{
    /// <summary>Where each rule's documentation page lives (docs/rules/HKnnnn.md in this repository).</summary>
    internal static class HelpLinks
    {
        public const string RulesBase = "https://github.com/herokuanalyzers/HerokuAnalyzers/blob/main/docs/rules/";

        public static string For(string ruleId) => RulesBase + ruleId + ".md";
    }
}
