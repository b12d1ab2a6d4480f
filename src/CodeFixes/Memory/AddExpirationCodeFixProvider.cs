using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using HerokuAnalyzers.Infrastructure;
using HerokuAnalyzers.Memory;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HerokuAnalyzers.CodeFixes.Memory
{
    /// <summary>
    /// HK2004: makes the entry expire — <c>AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(n)</c>,
    /// n from <c>heroku_analyzers.cache_entry_expiration_minutes</c> (carried in the diagnostic).
    /// </summary>
    [ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(AddExpirationCodeFixProvider)), Shared]
    public sealed class AddExpirationCodeFixProvider : CodeFixProvider
    {
        private const string Title = "Expire the entry (AbsoluteExpirationRelativeToNow)";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.HK2004_EntryWithoutExpiration.Id);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null || model == null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (!(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>() is InvocationExpressionSyntax invocation))
                {
                    continue;
                }

                diagnostic.Properties.TryGetValue(Descriptors.FixKindProperty, out var kind);
                diagnostic.Properties.TryGetValue(MemoryCacheAnalyzer.ExpirationMinutesProperty, out var minutesText);
                var minutes = int.TryParse(minutesText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed > 0
                    ? parsed
                    : MemoryCacheAnalyzer.DefaultExpirationMinutes;
                var names = new TypeNames(model, invocation.SpanStart);
                var value = names.Get("System", "TimeSpan") + ".FromMinutes(" + minutes.ToString(CultureInfo.InvariantCulture) + ")";
                var fixedInvocation = CacheEntryRewriter.AddSetting(invocation, kind, "AbsoluteExpirationRelativeToNow", value, names);
                if (fixedInvocation == null)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => ReplaceAsync(context.Document, invocation, fixedInvocation, ct), equivalenceKey: Title),
                    diagnostic);
            }
        }

        private static async Task<Document> ReplaceAsync(Document document, SyntaxNode oldNode, SyntaxNode newNode, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            return root == null ? document : document.WithSyntaxRoot(root.ReplaceNode(oldNode, newNode));
        }
    }
}
