using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HerokuAnalyzers.CodeFixes.RequestPath
{
    /// <summary>
    /// The edits of one or many "await instead of blocking" fixes, on the syntax of one solution: expressions
    /// to rewrite, functions to make async (and Razor handlers to rename), namespaces to import. Fixes of several
    /// diagnostics that touch the same function or call merge into one edit, so Fix All changes a caller once.
    /// </summary>
    internal sealed class AsyncEdits
    {
        private readonly Dictionary<DocumentId, DocumentEdits> _documents = new Dictionary<DocumentId, DocumentEdits>();

        public bool IsEmpty => _documents.Count == 0;

        public void Replace(AnalyzedDocument document, SyntaxNode node, Func<SyntaxNode, SyntaxNode> rewrite)
        {
            var edits = For(document);
            if (!edits.Replacements.ContainsKey(node))
            {
                edits.Replacements.Add(node, rewrite);
            }
        }

        /// <param name="newName">The method's new name (Razor <c>OnGet</c> → <c>OnGetAsync</c>), or null to keep it.</param>
        public void MakeAsync(AnalyzedDocument document, SyntaxNode function, string? newName)
        {
            var edits = For(document);
            if (!edits.AsyncFunctions.ContainsKey(function))
            {
                edits.AsyncFunctions.Add(function, newName);
            }
        }

        public void Import(AnalyzedDocument document, string @namespace) => For(document).Imports.Add(@namespace);

        public void AddAll(AsyncEdits other)
        {
            foreach (var edits in other._documents.Values)
            {
                foreach (var replacement in edits.Replacements)
                {
                    Replace(edits.Document, replacement.Key, replacement.Value);
                }

                foreach (var function in edits.AsyncFunctions)
                {
                    MakeAsync(edits.Document, function.Key, function.Value);
                }

                foreach (var @namespace in edits.Imports)
                {
                    Import(edits.Document, @namespace);
                }
            }
        }

        public Solution Apply(Solution solution, CancellationToken cancellationToken)
        {
            foreach (var edits in _documents.Values)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var root = edits.Document.Root.TrackNodes(edits.Replacements.Keys.Concat(edits.AsyncFunctions.Keys));

                // Innermost first: a call awaited inside another awaited call, a lambda inside a method.
                foreach (var replacement in edits.Replacements.OrderBy(r => r.Key.Span.Length))
                {
                    var current = root.GetCurrentNode(replacement.Key);
                    if (current != null)
                    {
                        root = root.ReplaceNode(current, replacement.Value(current));
                    }
                }

                foreach (var function in edits.AsyncFunctions.OrderBy(f => f.Key.Span.Length))
                {
                    var current = root.GetCurrentNode(function.Key);
                    if (current != null)
                    {
                        root = root.ReplaceNode(current, AsyncSignature(current, new TypeNames(edits.Document.Model, function.Key.SpanStart), function.Value));
                    }
                }

                foreach (var @namespace in edits.Imports)
                {
                    if (root is CompilationUnitSyntax unit && !unit.Usings.Any(u => u.Name?.ToString() == @namespace))
                    {
                        var lineEnd = unit.Usings.Count > 0 ? unit.Usings.Last().GetTrailingTrivia() : SyntaxFactory.TriviaList(SyntaxFactory.LineFeed);
                        root = unit.AddUsings(SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(@namespace)).WithTrailingTrivia(lineEnd));
                    }
                }

                solution = solution.WithDocumentSyntaxRoot(edits.Document.Id, root);
            }

            return solution;
        }

        private DocumentEdits For(AnalyzedDocument document)
        {
            if (!_documents.TryGetValue(document.Id, out var edits))
            {
                edits = new DocumentEdits(document);
                _documents.Add(document.Id, edits);
            }

            return edits;
        }

        /// <summary><c>T</c> → <c>async Task&lt;T&gt;</c>, <c>void</c> → <c>async Task</c>; a lambda only gains <c>async</c>.</summary>
        private static SyntaxNode AsyncSignature(SyntaxNode function, TypeNames names, string? newName)
        {
            var asyncKeyword = SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space);
            switch (function)
            {
                case MethodDeclarationSyntax method:
                    var task = names.Get("System.Threading.Tasks", "Task");
                    var returnType = method.ReturnType is PredefinedTypeSyntax { Keyword: { RawKind: (int)SyntaxKind.VoidKeyword } }
                        ? SyntaxFactory.ParseTypeName(task)
                        : SyntaxFactory.ParseTypeName(task + "<" + method.ReturnType.WithoutTrivia().ToString() + ">");
                    if (newName != null)
                    {
                        method = method.WithIdentifier(SyntaxFactory.Identifier(newName).WithTriviaFrom(method.Identifier));
                    }

                    var modifiers = method.Modifiers;
                    if (modifiers.Count == 0)
                    {
                        return method.WithModifiers(SyntaxFactory.TokenList(asyncKeyword.WithLeadingTrivia(method.ReturnType.GetLeadingTrivia())))
                            .WithReturnType(returnType.WithTrailingTrivia(method.ReturnType.GetTrailingTrivia()));
                    }

                    return method.WithModifiers(modifiers.Add(asyncKeyword))
                        .WithReturnType(returnType.WithTriviaFrom(method.ReturnType));

                case AnonymousFunctionExpressionSyntax lambda:
                    return lambda.WithAsyncKeyword(asyncKeyword.WithLeadingTrivia(lambda.GetLeadingTrivia())).WithLeadingTrivia();

                default:
                    return function;
            }
        }

        private sealed class DocumentEdits
        {
            public DocumentEdits(AnalyzedDocument document) => Document = document;

            public AnalyzedDocument Document { get; }

            public Dictionary<SyntaxNode, Func<SyntaxNode, SyntaxNode>> Replacements { get; } = new Dictionary<SyntaxNode, Func<SyntaxNode, SyntaxNode>>();

            public Dictionary<SyntaxNode, string?> AsyncFunctions { get; } = new Dictionary<SyntaxNode, string?>();

            public HashSet<string> Imports { get; } = new HashSet<string>(StringComparer.Ordinal);
        }
    }

    /// <summary>A document with the syntax root and semantic model the edits were planned on.</summary>
    internal sealed class AnalyzedDocument
    {
        private AnalyzedDocument(Document document, SyntaxNode root, SemanticModel model)
        {
            Document = document;
            Root = root;
            Model = model;
        }

        public Document Document { get; }

        public DocumentId Id => Document.Id;

        public SyntaxNode Root { get; }

        public SemanticModel Model { get; }

        public static async Task<AnalyzedDocument?> LoadAsync(Document document, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            return root == null || model == null ? null : new AnalyzedDocument(document, root, model);
        }
    }
}
