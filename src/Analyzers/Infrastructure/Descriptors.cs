namespace HerokuAnalyzers.Infrastructure
{
    /// <summary>
    /// The analyzers' diagnostic descriptors. Each rule family declares its own in a
    /// &lt;Family&gt;Descriptors.cs next to its analyzers; this file only anchors the partial class.
    /// </summary>
    internal static partial class Descriptors
    {
        /// <summary>Diagnostic property naming what a code fix should rewrite.</summary>
        public const string FixKindProperty = "HerokuFixKind";
    }
}
