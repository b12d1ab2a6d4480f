using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using HerokuAnalyzers.Heroku;
using HerokuAnalyzers.Infrastructure;
using HerokuAnalyzers.Platform;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HerokuAnalyzers.CodeFixes.Platform
{
    /// <summary>HK8003: a shutdown timeout that ends before Heroku's SIGKILL, <c>TimeSpan.FromSeconds(25)</c>.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ShortenShutdownTimeoutCodeFixProvider)), Shared]
    public sealed class ShortenShutdownTimeoutCodeFixProvider : CodeFixProvider
    {
        private static readonly string Title = "Shut down within " + HerokuFacts.RecommendedShutdownTimeoutSeconds.ToString(CultureInfo.InvariantCulture) + " s";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.HK8003_ShutdownTimeout.Id);

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
                if (!diagnostic.Properties.TryGetValue(Descriptors.FixKindProperty, out var kind) || kind != ShutdownTimeoutAnalyzer.FixShorterTimeout
                    || !(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is ExpressionSyntax value)
                    || value.Span != diagnostic.Location.SourceSpan)
                {
                    continue;
                }

                var timeSpan = new TypeNames(model, value.SpanStart).Get("System", "TimeSpan");
                var replacement = SyntaxFactory.ParseExpression(
                        timeSpan + ".FromSeconds(" + HerokuFacts.RecommendedShutdownTimeoutSeconds.ToString(CultureInfo.InvariantCulture) + ")")
                    .WithTriviaFrom(value);
                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => ReplaceAsync(context.Document, value, replacement, ct), equivalenceKey: Title),
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
