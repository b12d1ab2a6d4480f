using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HerokuAnalyzers.RequestPath
{
    /// <summary>
    /// A fingerprint of what a compilation declares: every token outside method, accessor and local function
    /// bodies, of every tree, plus the references. What a call binds to depends on declarations and on the
    /// body it is written in, never on another body — so while the fingerprint stays, call sites bound in a
    /// tree that did not change bind the same (what typing inside a method body does). Each tree's part is
    /// computed once per tree.
    /// </summary>
    internal static class Declarations
    {
        private static readonly ConditionalWeakTable<SyntaxTree, StrongBox<long>> ByTree = new ConditionalWeakTable<SyntaxTree, StrongBox<long>>();

        public static long Of(Compilation compilation)
        {
            // The order of trees does not change what binds to what (an editor may re-add an edited tree last).
            var trees = 0L;
            foreach (var tree in compilation.SyntaxTrees)
            {
                trees = unchecked(trees + Fnv.Add(Fnv.Add(Fnv.Offset, tree.FilePath), ByTree.GetValue(tree, t => new StrongBox<long>(OfTree(t))).Value));
            }

            var hash = Fnv.Add(Fnv.Offset, trees);

            foreach (var reference in compilation.References)
            {
                hash = Fnv.Add(hash, Fnv.Add(Fnv.Offset, reference.Display ?? ""));
            }

            // Not Options.GetHashCode(): the command-line compiler's reference resolver does not implement it.
            var options = compilation.Options;
            hash = Fnv.Add(hash, (long)options.OutputKind);
            hash = Fnv.Add(hash, (long)options.MetadataImportOptions);
            return Fnv.Add(hash, Fnv.Add(Fnv.Offset, compilation.AssemblyName ?? ""));
        }

        private static long OfTree(SyntaxTree tree)
        {
            var hash = Fnv.Offset;
            foreach (var token in tree.GetRoot().DescendantTokens(node => !IsBody(node)))
            {
                hash = Fnv.Add(hash, Fnv.Add(Fnv.Offset, token.Text));
            }

            return hash;
        }

        /// <summary>Block and expression bodies of methods, constructors, operators and accessors; top-level statements stay (they make Main).</summary>
        private static bool IsBody(SyntaxNode node)
            => (node is BlockSyntax || node is ArrowExpressionClauseSyntax)
               && (node.Parent is BaseMethodDeclarationSyntax || node.Parent is AccessorDeclarationSyntax || node.Parent is LocalFunctionStatementSyntax
                   || (node is ArrowExpressionClauseSyntax && node.Parent is BasePropertyDeclarationSyntax));

        private static class Fnv
        {
            public const long Offset = unchecked((long)14695981039346656037UL);
            private const long Prime = 1099511628211L;

            public static long Add(long hash, string text)
            {
                foreach (var c in text)
                {
                    hash = unchecked((hash ^ c) * Prime);
                }

                return hash;
            }

            public static long Add(long hash, long value) => unchecked((hash ^ value) * Prime);
        }
    }
}
