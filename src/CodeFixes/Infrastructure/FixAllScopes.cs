using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace HerokuAnalyzers.CodeFixes
{
    /// <summary>The diagnostics a Fix All covers, for the fixes that rewrite across documents in one pass.</summary>
    internal static class FixAllScopes
    {
        public static readonly FixAllScope[] Supported = { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        /// <summary>Every diagnostic of the fix's kind in the document, project or solution the Fix All names.</summary>
        public static async Task<List<(Document Document, Diagnostic Diagnostic)>> DiagnosticsAsync(FixAllContext context)
        {
            var documents = context.Scope switch
            {
                FixAllScope.Document when context.Document != null => new[] { context.Document },
                FixAllScope.Project => context.Project.Documents,
                FixAllScope.Solution => context.Solution.Projects.SelectMany(p => p.Documents),
                _ => Enumerable.Empty<Document>(),
            };

            var diagnostics = new List<(Document, Diagnostic)>();
            foreach (var document in documents)
            {
                foreach (var diagnostic in await context.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false))
                {
                    diagnostics.Add((document, diagnostic));
                }
            }

            return diagnostics;
        }
    }
}
