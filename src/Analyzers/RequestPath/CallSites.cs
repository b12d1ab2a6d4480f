using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace HerokuAnalyzers.RequestPath
{
    /// <summary>
    /// Where a syntax tree may call a method, without binding. A name is found by scanning the tree's text
    /// for it as a whole word and keeping the simple names there — no syntax walk, so a search that follows
    /// one name costs a text scan of each file. The nameless forms (indexer access, <c>new()</c>,
    /// <c>: base(…)</c>, collection initializers) come from one walk of the tree, made only when a search
    /// needs them and kept while the tree lives (the trees of unchanged documents are the same objects in
    /// the next compilation). Identifiers written with Unicode escapes are not found.
    /// </summary>
    internal sealed class CallSites
    {
        /// <summary>Key of element access (indexers).</summary>
        public const string Indexer = ".[]";

        /// <summary>Key of target-typed <c>new(…)</c>.</summary>
        public const string ImplicitNew = ".new";

        /// <summary>Key of constructor initializers and primary-constructor base calls.</summary>
        public const string ConstructorInitializer = ".init";

        /// <summary>Key of collection initializers (their implicit Add calls).</summary>
        public const string CollectionInitializer = ".coll";

        private static readonly ConditionalWeakTable<SyntaxTree, CallSites> ByTree = new ConditionalWeakTable<SyntaxTree, CallSites>();

        private readonly Dictionary<string, List<TextSpan>> _spans = new Dictionary<string, List<TextSpan>>(System.StringComparer.Ordinal);

        private CallSites(SyntaxNode root)
        {
            foreach (var node in root.DescendantNodes())
            {
                switch (node)
                {
                    case ElementAccessExpressionSyntax _:
                    case ElementBindingExpressionSyntax _:
                        Add(Indexer, node.Span);
                        break;
                    case ImplicitObjectCreationExpressionSyntax _:
                        Add(ImplicitNew, node.Span);
                        break;
                    case ConstructorInitializerSyntax _:
                    case PrimaryConstructorBaseTypeSyntax _:
                        Add(ConstructorInitializer, node.Span);
                        break;
                    case InitializerExpressionSyntax initializer when initializer.IsKind(SyntaxKind.CollectionInitializerExpression):
                        Add(CollectionInitializer, node.Span);
                        break;
                }
            }
        }

        /// <summary>Spans of the nodes under <paramref name="key"/> (a name or one of the constants), in source order.</summary>
        public static IReadOnlyList<TextSpan> Find(SyntaxTree tree, string key, System.Threading.CancellationToken cancellationToken)
        {
            if (key.Length > 0 && key[0] == '.')
            {
                var sites = ByTree.GetValue(tree, t => new CallSites(t.GetRoot(cancellationToken)));
                return sites._spans.TryGetValue(key, out var spans) ? spans : (IReadOnlyList<TextSpan>)System.Array.Empty<TextSpan>();
            }

            return Names(tree, key, cancellationToken);
        }

        private static List<TextSpan> Names(SyntaxTree tree, string name, System.Threading.CancellationToken cancellationToken)
        {
            var found = new List<TextSpan>();
            var text = tree.GetText(cancellationToken).ToString();
            SyntaxNode? root = null;
            for (var at = text.IndexOf(name, System.StringComparison.Ordinal); at >= 0; at = text.IndexOf(name, at + name.Length, System.StringComparison.Ordinal))
            {
                if ((at > 0 && IsIdentifierPart(text[at - 1])) || (at + name.Length < text.Length && IsIdentifierPart(text[at + name.Length])))
                {
                    continue;
                }

                root ??= tree.GetRoot(cancellationToken);
                var token = root.FindToken(at);
                if (token.IsKind(SyntaxKind.IdentifierToken) && token.Span.End == at + name.Length && token.ValueText == name && token.Parent is SimpleNameSyntax simple && simple.Identifier == token)
                {
                    found.Add(simple.Span);
                }
            }

            return found;
        }

        private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c == '_' || c > 127 && SyntaxFacts.IsIdentifierPartCharacter(c);

        private void Add(string key, TextSpan span)
        {
            if (!_spans.TryGetValue(key, out var list))
            {
                list = new List<TextSpan>();
                _spans.Add(key, list);
            }

            list.Add(span);
        }
    }
}
