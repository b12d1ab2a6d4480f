using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HerokuAnalyzers.Infrastructure;
using HerokuAnalyzers.Memory;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HerokuAnalyzers.CodeFixes.Memory
{
    /// <summary>
    /// HK2002: sets SizeLimit on the cache and, in the same change, <c>Size = 1</c> on every entry the
    /// analyzer traced to it (its additional locations) — a limit without sizes would make each of those
    /// calls throw (HK2003). The analyzer only marks the diagnostic fixable when it could trace them all.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddSizeLimitCodeFixProvider)), Shared]
    public sealed class AddSizeLimitCodeFixProvider : CodeFixProvider
    {
        /// <summary>With every entry sized 1, the limit counts entries; the docs tell users to adjust it.</summary>
        private const string SizeLimit = "1024";

        private const string EntrySize = "1";

        private const string Title = "Set SizeLimit and give every entry a Size";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.HK2002_MemoryCacheWithoutSizeLimit.Id);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                if (diagnostic.Properties.TryGetValue(Descriptors.FixKindProperty, out var kind) && kind != null
                    && diagnostic.Properties.TryGetValue(MemoryCacheAnalyzer.EntryFixesProperty, out var entryFixes) && entryFixes != null)
                {
                    var kinds = entryFixes.Length == 0 ? new string[0] : entryFixes.Split(',');
                    if (kinds.Length == diagnostic.AdditionalLocations.Count)
                    {
                        context.RegisterCodeFix(
                            CodeAction.Create(Title, ct => FixAsync(context.Document.Project.Solution, diagnostic, kind, kinds, ct), equivalenceKey: Title),
                            diagnostic);
                    }
                }
            }

            return Task.CompletedTask;
        }

        private static async Task<Solution> FixAsync(Solution solution, Diagnostic diagnostic, string kind, string[] entryKinds, CancellationToken cancellationToken)
        {
            // Edits grouped per document: the cache and its entries may live in different files.
            var edits = new List<(Location Location, string Kind, bool IsCache)> { (diagnostic.Location, kind, true) };
            for (var i = 0; i < entryKinds.Length; i++)
            {
                edits.Add((diagnostic.AdditionalLocations[i], entryKinds[i], false));
            }

            foreach (var group in edits.GroupBy(e => e.Location.SourceTree))
            {
                var document = group.Key == null ? null : solution.GetDocument(group.Key);
                var root = document == null ? null : await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                var model = document == null ? null : await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                if (document == null || root == null || model == null)
                {
                    return solution;
                }

                var targets = new Dictionary<SyntaxNode, (string Kind, bool IsCache)>();
                foreach (var edit in group)
                {
                    var node = root.FindNode(edit.Location.SourceSpan, getInnermostNodeForTie: true);
                    SyntaxNode? target = edit.IsCache && edit.Kind == MemoryCacheAnalyzer.FixCreation
                        ? node.FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>()
                        : node.FirstAncestorOrSelf<InvocationExpressionSyntax>();
                    if (target == null)
                    {
                        return solution;
                    }

                    targets[target] = (edit.Kind, edit.IsCache);
                }

                var failed = false;
                var newRoot = root.ReplaceNodes(targets.Keys, (original, rewritten) =>
                {
                    var (editKind, isCache) = targets[original];
                    var names = new TypeNames(model, original.SpanStart);
                    var replacement = isCache ? LimitCache(rewritten, editKind) : SizeEntry(rewritten, editKind, names);
                    failed |= replacement == null;
                    return replacement ?? rewritten;
                });
                if (failed)
                {
                    return solution;
                }

                solution = solution.WithDocumentSyntaxRoot(document.Id, newRoot);
            }

            return solution;
        }

        private static SyntaxNode? SizeEntry(SyntaxNode node, string kind, TypeNames names)
            => node is InvocationExpressionSyntax invocation ? CacheEntryRewriter.AddSetting(invocation, kind, "Size", EntrySize, names) : null;

        private static SyntaxNode? LimitCache(SyntaxNode node, string kind)
        {
            switch (kind)
            {
                case MemoryCacheAnalyzer.FixCreation:
                    if (node is BaseObjectCreationExpressionSyntax { ArgumentList: { Arguments: { Count: > 0 } } arguments } cache
                        && arguments.Arguments[0].Expression is BaseObjectCreationExpressionSyntax options)
                    {
                        return cache.ReplaceNode(options, CacheEntryRewriter.AddToInitializer(options, "SizeLimit", SizeLimit));
                    }

                    return null;

                case MemoryCacheAnalyzer.FixRegistration:
                    if (!(node is InvocationExpressionSyntax registration))
                    {
                        return null;
                    }

                    var configure = registration.ArgumentList.Arguments.LastOrDefault()?.Expression as LambdaExpressionSyntax;
                    if (configure == null)
                    {
                        var lambda = SyntaxFactory.ParseExpression("options => options.SizeLimit = " + SizeLimit);
                        return registration.WithArgumentList(registration.ArgumentList.AddArguments(SyntaxFactory.Argument(lambda)));
                    }

                    if (CacheEntryRewriter.ParameterName(configure) is string parameter)
                    {
                        return registration.ReplaceNode(configure, CacheEntryRewriter.Append(configure, parameter + ".SizeLimit = " + SizeLimit + ";"));
                    }

                    return null;

                default:
                    return null;
            }
        }
    }
}
