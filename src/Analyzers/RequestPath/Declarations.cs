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
            var hash = Fnv.Offset;
            foreach (var tree in compilation.SyntaxTrees)
            {
                hash = Fnv.Add(hash, Fnv.Add(Fnv.Offset, tree.FilePath));
                hash = Fnv.Add(hash, ByTree.GetValue(tree, t => new StrongBox<long>(OfTree(t))).Value);
            }

            foreach (var reference in compilation.References)
            {
                hash = Fnv.Add(hash, Fnv.Add(Fnv.Offset, reference.Display ?? ""));
            }

            return Fnv.Add(hash, compilation.Options.GetHashCode());
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
