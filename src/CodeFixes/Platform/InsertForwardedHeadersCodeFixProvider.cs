using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HerokuAnalyzers.Infrastructure;
using HerokuAnalyzers.Platform;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace HerokuAnalyzers.CodeFixes.Platform
{
    /// <summary>
    /// HK8001: inserts, before the first middleware that reads the scheme, the forwarded-headers setup
    /// Heroku's router needs — XForwardedFor | XForwardedProto with the known networks and proxies
    /// cleared (the router is not loopback; ForwardLimit stays 1, so only the address the router
    /// appended is taken as the client's).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InsertForwardedHeadersCodeFixProvider)), Shared]
    public sealed class InsertForwardedHeadersCodeFixProvider : CodeFixProvider
    {
        private const string Title = "Apply Heroku's forwarded headers first";
        private const string HttpOverridesNamespace = "Microsoft.AspNetCore.HttpOverrides";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.HK8001_ForwardedHeaders.Id);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(Descriptors.FixKindProperty, out var kind) || kind != ForwardedHeadersAnalyzer.FixInsertForwardedHeaders)
                {
                    continue;
                }

                var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                if (node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax app } } invocation
                    && invocation.Parent is ExpressionStatementSyntax statement)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(Title, ct => InsertAsync(context.Document, statement, app.Identifier.ValueText, ct), equivalenceKey: Title),
                        diagnostic);
                }
            }
        }

        private static async Task<Document> InsertAsync(Document document, ExpressionStatementSyntax statement, string app, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is not CompilationUnitSyntax unit || model == null)
            {
                return document;
            }

            var position = statement.SpanStart;
            var names = new TypeNames(model, position);
            var optionsType = names.Get("Microsoft.AspNetCore.Builder", "ForwardedHeadersOptions");
            var headersType = names.Get(HttpOverridesNamespace, "ForwardedHeaders");
            var addUsing = headersType != "ForwardedHeaders";
            headersType = "ForwardedHeaders";
            var variable = UniqueName(model, position, "forwardedHeadersOptions");

            // .NET 10 renamed KnownNetworks to KnownIPNetworks and made the old name obsolete.
            var options = model.Compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.ForwardedHeadersOptions");
            var networks = options != null && options.GetMembers("KnownIPNetworks").Any() ? "KnownIPNetworks" : "KnownNetworks";

            var indentation = statement.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).ToList();
            var lines = new[]
            {
                $"var {variable} = new {optionsType}\n{{\n    ForwardedHeaders = {headersType}.XForwardedFor | {headersType}.XForwardedProto,\n}};\n",
                $"// Heroku's router is not on loopback: trust the proxy that connects. ForwardLimit stays 1, so the client address is the one the router appended.\n{variable}.{networks}.Clear();\n",
                $"{variable}.KnownProxies.Clear();\n",
                $"{app}.UseForwardedHeaders({variable});\n",
            };
            var statements = lines
                .Select(text => SyntaxFactory.ParseStatement(text).WithAdditionalAnnotations(Formatter.Annotation))
                .Select(s => s.WithLeadingTrivia(s.GetLeadingTrivia().InsertRange(0, indentation)))
                .ToList();

            SyntaxNode newRoot;
            if (statement.Parent is GlobalStatementSyntax global)
            {
                newRoot = unit.InsertNodesBefore(global, statements.Select(s => (SyntaxNode)SyntaxFactory.GlobalStatement(s)));
            }
            else if (statement.Parent is BlockSyntax)
            {
                newRoot = unit.InsertNodesBefore(statement, statements);
            }
            else
            {
                return document;
            }

            if (addUsing && newRoot is CompilationUnitSyntax newUnit)
            {
                var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(HttpOverridesNamespace)).WithTrailingTrivia(EndOfLine(unit));
                newRoot = newUnit.AddUsings(directive.WithAdditionalAnnotations(Formatter.Annotation));
            }

            var formatted = Formatter.Format(newRoot, Formatter.Annotation, document.Project.Solution.Workspace, cancellationToken: cancellationToken);
            return document.WithSyntaxRoot(formatted);
        }

        /// <summary>The file's own line ending, so the new using directive matches the others.</summary>
        private static SyntaxTrivia EndOfLine(SyntaxNode root)
            => root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) is { } eol && eol.IsKind(SyntaxKind.EndOfLineTrivia)
                ? eol
                : SyntaxFactory.ElasticLineFeed;

        private static string UniqueName(SemanticModel model, int position, string name)
        {
            var candidate = name;
            for (var i = 2; model.LookupSymbols(position, name: candidate).Any(); i++)
            {
                candidate = name + i;
            }

            return candidate;
        }
    }
}
