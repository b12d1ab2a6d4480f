using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace HerokuAnalyzers.RequestPath
{
    /// <summary>
    /// Where a syntax tree may call a method, by name and without binding: every simple name, plus the
    /// nameless forms (indexer access, <c>new()</c>, <c>: base(…)</c>, collection initializers). Built once per
    /// tree and kept while the tree lives, so an edit re-indexes only the edited document: the trees of
    /// unchanged documents are the same objects in the next compilation.
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
                    case SimpleNameSyntax name:
                        Add(name.Identifier.ValueText, name.Span);
                        break;
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

        public static CallSites For(SyntaxTree tree, System.Threading.CancellationToken cancellationToken)
            => ByTree.GetValue(tree, t => new CallSites(t.GetRoot(cancellationToken)));

        /// <summary>Spans of the nodes indexed under <paramref name="key"/> (a name or one of the constants), in source order.</summary>
        public IReadOnlyList<TextSpan> Find(string key) => _spans.TryGetValue(key, out var spans) ? spans : (IReadOnlyList<TextSpan>)System.Array.Empty<TextSpan>();

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
