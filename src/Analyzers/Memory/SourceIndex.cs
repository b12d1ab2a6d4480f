using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace HerokuAnalyzers.Memory
{
    /// <summary>
    /// The few places of one syntax tree the memory rules may need to bind when another document asks:
    /// calls named like a cache registration, a cache entry or a singleton registration, types that
    /// mention MemoryCacheOptions, and names of IMemoryCache. Found by syntax alone and kept per tree, so
    /// after an edit only the edited tree is walked again; the editor reuses the trees of unchanged files.
    /// </summary>
    internal sealed class TreeCandidates
    {
        private static readonly ConditionalWeakTable<SyntaxTree, TreeCandidates> Cache = new ConditionalWeakTable<SyntaxTree, TreeCandidates>();

        private TreeCandidates(SyntaxTree tree)
        {
            var cacheRegistrations = ImmutableArray.CreateBuilder<InvocationExpressionSyntax>();
            var cacheOptionsCalls = ImmutableArray.CreateBuilder<InvocationExpressionSyntax>();
            var entries = ImmutableArray.CreateBuilder<InvocationExpressionSyntax>();
            var singletons = ImmutableArray.CreateBuilder<InvocationExpressionSyntax>();
            var optionsTypes = ImmutableArray.CreateBuilder<TypeDeclarationSyntax>();
            var cacheNames = ImmutableArray.CreateBuilder<IdentifierNameSyntax>();
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                switch (node)
                {
                    case InvocationExpressionSyntax invocation:
                        switch (CalledName(invocation))
                        {
                            case "AddMemoryCache":
                                cacheRegistrations.Add(invocation);
                                break;
                            case "Set":
                            case "GetOrCreate":
                            case "GetOrCreateAsync":
                            case "CreateEntry":
                                entries.Add(invocation);
                                break;
                            case "AddSingleton":
                            case "TryAddSingleton":
                            case "AddKeyedSingleton":
                            case "TryAddKeyedSingleton":
                            case "AddHostedService":
                                singletons.Add(invocation);
                                break;
                        }

                        if (Mentions(invocation.Expression, "MemoryCacheOptions"))
                        {
                            cacheOptionsCalls.Add(invocation);
                        }

                        break;
                    case TypeDeclarationSyntax type when type.BaseList != null && Mentions(type.BaseList, "MemoryCacheOptions"):
                        optionsTypes.Add(type);
                        break;
                    case IdentifierNameSyntax { Identifier: { ValueText: "IMemoryCache" } } name:
                        cacheNames.Add(name);
                        break;
                }
            }

            CacheRegistrations = cacheRegistrations.ToImmutable();
            CacheOptionsCalls = cacheOptionsCalls.ToImmutable();
            Entries = entries.ToImmutable();
            Singletons = singletons.ToImmutable();
            OptionsTypes = optionsTypes.ToImmutable();
            CacheNames = cacheNames.ToImmutable();
        }

        /// <summary>Calls named AddMemoryCache.</summary>
        public ImmutableArray<InvocationExpressionSyntax> CacheRegistrations { get; }

        /// <summary>Calls whose callee names MemoryCacheOptions (Configure&lt;MemoryCacheOptions&gt;, AddOptions&lt;MemoryCacheOptions&gt;).</summary>
        public ImmutableArray<InvocationExpressionSyntax> CacheOptionsCalls { get; }

        /// <summary>Calls named Set, GetOrCreate(Async) or CreateEntry.</summary>
        public ImmutableArray<InvocationExpressionSyntax> Entries { get; }

        /// <summary>Calls named like a singleton or hosted-service registration.</summary>
        public ImmutableArray<InvocationExpressionSyntax> Singletons { get; }

        /// <summary>Types whose base list names MemoryCacheOptions (IConfigureOptions&lt;MemoryCacheOptions&gt;).</summary>
        public ImmutableArray<TypeDeclarationSyntax> OptionsTypes { get; }

        /// <summary>Every IMemoryCache name.</summary>
        public ImmutableArray<IdentifierNameSyntax> CacheNames { get; }

        public static TreeCandidates For(SyntaxTree tree) => Cache.GetValue(tree, t => new TreeCandidates(t));

        public static string? CalledName(InvocationExpressionSyntax invocation)
            => invocation.Expression switch
            {
                MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
                SimpleNameSyntax name => name.Identifier.ValueText,
                _ => null,
            };

        private static bool Mentions(SyntaxNode node, string name)
        {
            foreach (var token in node.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == name)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// Binds, for one compilation, the parts of other documents a memory rule needs to decide a finding
    /// in the document being analyzed. Every question is answered by the same code in the editor (one open
    /// file) and in the build (all files), so both report the same diagnostics.
    /// </summary>
    internal sealed class SourceIndex
    {
        private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new ConcurrentDictionary<SyntaxTree, SemanticModel>();

        public SourceIndex(Compilation compilation) => Compilation = compilation;

        public Compilation Compilation { get; }

        public SemanticModel Model(SyntaxTree tree)
            // RS1030: the analyzer binds a few nodes of other documents on demand; the driver has no
            // semantic model to hand out for a document it is not analyzing.
#pragma warning disable RS1030
            => _models.GetOrAdd(tree, t => Compilation.GetSemanticModel(t));
#pragma warning restore RS1030

        /// <summary>
        /// The operation of a syntax node, or null when it has none or lies in another compilation (in the
        /// IDE a project reference's symbols point into that project's trees).
        /// </summary>
        public IOperation? Operation(SyntaxNode node)
            => Compilation.ContainsSyntaxTree(node.SyntaxTree) ? Model(node.SyntaxTree).GetOperation(node) : null;

        /// <summary>
        /// Where code can name <paramref name="member"/>: inside its type's declarations when it is
        /// private, else every tree of the compilation.
        /// </summary>
        public IEnumerable<SyntaxNode> Scope(ISymbol member)
        {
            if (member.DeclaredAccessibility == Accessibility.Private && member.ContainingType != null)
            {
                foreach (var reference in member.ContainingType.DeclaringSyntaxReferences)
                {
                    if (Compilation.ContainsSyntaxTree(reference.SyntaxTree))
                    {
                        yield return reference.GetSyntax();
                    }
                }

                yield break;
            }

            foreach (var tree in Compilation.SyntaxTrees)
            {
                yield return tree.GetRoot();
            }
        }

        /// <summary>
        /// The expression nodes that name <paramref name="name"/> in <paramref name="scope"/>: a simple
        /// name, or the member access / member binding it ends.
        /// </summary>
        public static IEnumerable<ExpressionSyntax> Names(IEnumerable<SyntaxNode> scope, string name)
        {
            foreach (var root in scope)
            {
                foreach (var token in root.DescendantTokens())
                {
                    if (!token.IsKind(SyntaxKind.IdentifierToken) || token.ValueText != name || !(token.Parent is IdentifierNameSyntax identifier))
                    {
                        continue;
                    }

                    yield return identifier.Parent switch
                    {
                        MemberAccessExpressionSyntax access when access.Name == identifier => access,
                        MemberBindingExpressionSyntax binding when binding.Name == identifier => binding,
                        _ => identifier,
                    };
                }
            }
        }

        /// <summary>
        /// The member whose body holds <paramref name="node"/>, as an operation action's ContainingSymbol
        /// names it: lambdas and local functions belong to the member they are written in.
        /// </summary>
        public ISymbol? Member(SyntaxNode node)
        {
            var symbol = Model(node.SyntaxTree).GetEnclosingSymbol(node.SpanStart);
            while (symbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
            {
                symbol = symbol.ContainingSymbol;
            }

            return symbol;
        }
    }
}
