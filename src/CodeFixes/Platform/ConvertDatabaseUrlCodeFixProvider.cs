using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.IO;
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

namespace HerokuAnalyzers.CodeFixes.Platform
{
    /// <summary>
    /// HK8004: passes DATABASE_URL through <c>HerokuDatabaseUrl.ToNpgsqlConnectionString</c>, a small
    /// Uri-based conversion added to the project once (a file of its own). Values that are not
    /// postgres:// URLs — a local connection string — pass through unchanged, so local runs keep working.
    /// Also replaces the regular-expression split of DATABASE_URL copied from Heroku's getting-started sample
    /// (<c>var match = Regex.Match(url, "postgres://(.*):(.*)@(.*):(.*)/(.*)")</c> and the string built from its
    /// groups) by the same conversion, when the analyzer found the rewrite safe (see DatabaseUrlAnalyzer.FixRegexSplit).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ConvertDatabaseUrlCodeFixProvider)), Shared]
    public sealed class ConvertDatabaseUrlCodeFixProvider : CodeFixProvider
    {
        public const string HelperClass = "HerokuDatabaseUrl";
        public const string HelperFile = HelperClass + ".cs";

        private const string Title = "Convert DATABASE_URL with Uri into an Npgsql connection string";
        private const string RegexTitle = "Replace the regular-expression split of DATABASE_URL by a Uri-based conversion";

        /// <summary>One equivalence key for both rewrites: Fix All (and dotnet format) converts every kind in one pass.</summary>
        private const string EquivalenceKey = "ConvertDatabaseUrl";
        private const string HelperMethod = "ToNpgsqlConnectionString";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.HK8004_DatabaseUrl.Id);

        /// <summary>Fix All rewrites each document once and adds the helper file once per project (dotnet format needs it).</summary>
        public override FixAllProvider GetFixAllProvider() => new HelperOnceFixAll();

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                var rewrite = Rewrite.Of(root, diagnostic);
                if (rewrite != null)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(rewrite.Split != null ? RegexTitle : Title, ct => FixAsync(context.Document.Project.Solution, new[] { (context.Document.Id, diagnostic) }, ct), equivalenceKey: EquivalenceKey),
                        diagnostic);
                }
            }
        }

        /// <summary>Rewrites every diagnosed site, document by document, then adds the helper to each project that lacks it.</summary>
        private static async Task<Solution> FixAsync(Solution solution, IEnumerable<(DocumentId Document, Diagnostic Diagnostic)> sites, CancellationToken cancellationToken)
        {
            var needHelper = new Dictionary<ProjectId, List<DocumentId>>();
            foreach (var group in sites.GroupBy(s => s.Document))
            {
                var document = solution.GetDocument(group.Key);
                var root = document == null ? null : await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                if (document == null || root == null)
                {
                    continue;
                }

                var rewrites = group.Select(s => Rewrite.Of(root, s.Diagnostic)).Where(r => r != null).Select(r => r!).ToList();
                if (rewrites.Count == 0)
                {
                    continue;
                }

                var rewritten = await RewriteAsync(document, root, rewrites, cancellationToken).ConfigureAwait(false);
                solution = rewritten.Project.Solution;
                if (!needHelper.TryGetValue(document.Project.Id, out var fixedDocuments))
                {
                    needHelper.Add(document.Project.Id, fixedDocuments = new List<DocumentId>());
                }

                fixedDocuments.Add(document.Id);
            }

            foreach (var pair in needHelper)
            {
                solution = await WithHelperAsync(solution, pair.Value, cancellationToken).ConfigureAwait(false);
            }

            return solution;
        }

        /// <summary>
        /// Wraps each DATABASE_URL value in the conversion; replaces each string built from a regular-expression split by
        /// the conversion of the URL the split read (followed by the settings it set besides the connection and TLS) and
        /// removes the split's statement; then drops a using of System.Text.RegularExpressions that nothing needs any more.
        /// </summary>
        private static async Task<Document> RewriteAsync(Document document, SyntaxNode root, List<Rewrite> rewrites, CancellationToken cancellationToken)
        {
            var nodes = new List<SyntaxNode>();
            foreach (var rewrite in rewrites)
            {
                nodes.Add(rewrite.Target);
                if (rewrite.Split != null)
                {
                    nodes.Add(rewrite.Split.Statement);
                }
            }

            var tracked = root.TrackNodes(nodes.Distinct());
            foreach (var rewrite in rewrites)
            {
                var current = tracked.GetCurrentNode(rewrite.Target);
                if (current == null)
                {
                    continue;
                }

                string text;
                if (rewrite.Split == null)
                {
                    text = HelperClass + "." + HelperMethod + "(" + rewrite.Target.WithoutTrivia() + ")";
                }
                else
                {
                    text = HelperClass + "." + HelperMethod + "(" + rewrite.Split.Url.WithoutTrivia() + ")";
                    if (rewrite.Split.Kept.Length > 0)
                    {
                        text += " + " + SyntaxFactory.Literal(rewrite.Split.Kept).ToString();
                    }
                }

                tracked = tracked.ReplaceNode(current, SyntaxFactory.ParseExpression(text).WithTriviaFrom(current));
            }

            var removedSplit = false;
            foreach (var rewrite in rewrites)
            {
                if (rewrite.Split != null && tracked.GetCurrentNode(rewrite.Split.Statement) is SyntaxNode statement)
                {
                    tracked = tracked.RemoveNode(statement, SyntaxRemoveOptions.KeepNoTrivia)!;
                    removedSplit = true;
                }
            }

            var rewritten = document.WithSyntaxRoot(tracked);
            if (!removedSplit)
            {
                return rewritten;
            }

            var rewrittenModel = await rewritten.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var rewrittenRoot = await rewritten.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (rewrittenModel != null && rewrittenRoot is CompilationUnitSyntax unit)
            {
                var unused = unit.Usings.FirstOrDefault(u => u.Alias == null && u.StaticKeyword.IsKind(SyntaxKind.None)
                                                             && u.Name?.ToString() == RegexNamespace);
                if (unused != null && !UsesRegexNamespace(unit, rewrittenModel, cancellationToken))
                {
                    rewritten = rewritten.WithSyntaxRoot(unit.RemoveNode(unused, SyntaxRemoveOptions.KeepNoTrivia)!);
                }
            }

            return rewritten;
        }

        private const string RegexNamespace = "System.Text.RegularExpressions";

        /// <summary>Whether any name of the file (doc comments included; <c>var</c> too) binds to a type or member of System.Text.RegularExpressions.</summary>
        private static bool UsesRegexNamespace(CompilationUnitSyntax unit, SemanticModel model, CancellationToken cancellationToken)
        {
            foreach (var name in unit.DescendantNodes(descendIntoTrivia: true).OfType<SimpleNameSyntax>())
            {
                if (name.FirstAncestorOrSelf<UsingDirectiveSyntax>() != null)
                {
                    continue;
                }

                var info = model.GetSymbolInfo(name, cancellationToken);
                foreach (var symbol in info.Symbol != null ? new[] { info.Symbol } : info.CandidateSymbols.ToArray())
                {
                    var type = symbol as INamedTypeSymbol ?? symbol.ContainingType;
                    if (type?.ContainingNamespace?.ToDisplayString() == RegexNamespace)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// The solution with the helper added, unless the project has it: a file of its own next to the first fixed
        /// document. Under dotnet format (an MSBuild workspace) a new file is also written into the project file as a
        /// Compile item, which SDK projects already include by their glob (error NETSDK1022 on the next build); there
        /// the helper goes at the end of a fixed document in the global namespace instead, when one is.
        /// </summary>
        private static async Task<Solution> WithHelperAsync(Solution solution, List<DocumentId> fixedDocuments, CancellationToken cancellationToken)
        {
            if (solution.Workspace.Kind == WorkspaceKind.MSBuild)
            {
                foreach (var id in fixedDocuments)
                {
                    var host = solution.GetDocument(id);
                    if (host != null && await host.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is CompilationUnitSyntax unit
                        && !unit.Members.OfType<FileScopedNamespaceDeclarationSyntax>().Any())
                    {
                        var hostCompilation = await host.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
                        if (hostCompilation == null || hostCompilation.GetTypeByMetadataName(HelperClass) != null)
                        {
                            return solution;
                        }

                        var eol = EndOfLine(unit);
                        var source = HelperSource(TrustCertificate(hostCompilation), eol);

                        // One file: the helper's usings go to the top, its class to the end.
                        var helperUnit = SyntaxFactory.ParseCompilationUnit(source);
                        var usings = helperUnit.Usings.Where(u => !unit.Usings.Any(existing => existing.Name?.ToString() == u.Name?.ToString()));
                        var text = unit.ToFullString();
                        var split = unit.Usings.Count > 0 ? unit.Usings.Last().FullSpan.End : 0;
                        var members = string.Concat(helperUnit.Members.Select(m => m.ToFullString()));
                        var combined = SyntaxFactory.ParseCompilationUnit(
                            text.Substring(0, split) + string.Concat(usings.Select(u => u.WithoutTrivia().ToFullString() + eol)) + text.Substring(split).TrimEnd()
                            + eol + eol + "#nullable enable" + eol + members.TrimEnd() + eol);
                        return host.WithSyntaxRoot(combined).Project.Solution;
                    }
                }
            }

            var document = solution.GetDocument(fixedDocuments[0]);
            var compilation = document == null ? null : await document.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
            var root = document == null ? null : await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (document == null || compilation == null || root == null || compilation.GetTypeByMetadataName(HelperClass) != null)
            {
                return solution;
            }

            var trustCertificate = TrustCertificate(compilation);
            var directory = document.FilePath != null ? Path.GetDirectoryName(document.FilePath) : null;
            var helper = document.Project.AddDocument(
                HelperFile,
                HelperSource(trustCertificate, EndOfLine(root)),
                document.Folders,
                directory != null ? Path.Combine(directory, HelperFile) : null);
            return helper.Project.Solution;
        }

        private static bool TrustCertificate(Compilation compilation)
            => compilation.GetTypeByMetadataName("Npgsql.NpgsqlConnection") is INamedTypeSymbol connection && connection.ContainingAssembly.Identity.Version.Major < 8;

        /// <summary>What one diagnostic asks to rewrite, found again in the document's current syntax.</summary>
        private sealed class Rewrite
        {
            private Rewrite(ExpressionSyntax target, SplitRewrite? split)
            {
                Target = target;
                Split = split;
            }

            /// <summary>The DATABASE_URL value to wrap, or the string built from a split's groups.</summary>
            public ExpressionSyntax Target { get; }

            public SplitRewrite? Split { get; }

            public static Rewrite? Of(SyntaxNode root, Diagnostic diagnostic)
            {
                if (!diagnostic.Properties.TryGetValue(Descriptors.FixKindProperty, out var kind))
                {
                    return null;
                }

                if (kind == DatabaseUrlAnalyzer.FixRegexSplit && diagnostic.AdditionalLocations.Count == 3
                    && root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true) is LocalDeclarationStatementSyntax declaration
                    && declaration.Span == diagnostic.AdditionalLocations[0].SourceSpan
                    && root.FindNode(diagnostic.AdditionalLocations[1].SourceSpan, getInnermostNodeForTie: true) is InterpolatedStringExpressionSyntax built
                    && root.FindNode(diagnostic.AdditionalLocations[2].SourceSpan, getInnermostNodeForTie: true) is ExpressionSyntax url
                    && url.Span == diagnostic.AdditionalLocations[2].SourceSpan)
                {
                    diagnostic.Properties.TryGetValue(DatabaseUrlAnalyzer.KeptSettingsProperty, out var kept);

                    // A top-level statement is removed with the global statement that holds it.
                    SyntaxNode statement = declaration.Parent is GlobalStatementSyntax global ? global : declaration;
                    return new Rewrite(built, new SplitRewrite(statement, url, kept ?? ""));
                }

                if (kind == DatabaseUrlAnalyzer.FixConvertUrl
                    && root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is ExpressionSyntax expression
                    && expression.Span == diagnostic.Location.SourceSpan)
                {
                    return new Rewrite(expression, null);
                }

                return null;
            }
        }

        private sealed class SplitRewrite
        {
            public SplitRewrite(SyntaxNode statement, ExpressionSyntax url, string kept)
            {
                Statement = statement;
                Url = url;
                Kept = kept;
            }

            public SyntaxNode Statement { get; }

            public ExpressionSyntax Url { get; }

            public string Kept { get; }
        }

        private sealed class HelperOnceFixAll : FixAllProvider
        {
            public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => FixAllScopes.Supported;

            public override async Task<CodeAction?> GetFixAsync(FixAllContext context)
            {
                var sites = (await FixAllScopes.DiagnosticsAsync(context).ConfigureAwait(false)).Select(s => (s.Document.Id, s.Diagnostic)).ToList();
                return CodeAction.Create(Title, ct => FixAsync(context.Solution, sites, ct), equivalenceKey: EquivalenceKey);
            }
        }

        private static string EndOfLine(SyntaxNode root)
            => root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)).ToFullString() is { Length: > 0 } eol ? eol : "\n";

        /// <summary>
        /// Heroku Postgres requires TLS and its certificates are not publicly verifiable: SSL Mode=Require,
        /// which encrypts without verifying from Npgsql 8 on; before 8 it also needs Trust Server Certificate.
        /// </summary>
        private static string HelperSource(bool trustCertificate, string eol)
        {
            var lines = new[]
            {
                "#nullable enable",
                "using System;",
                "using System.Diagnostics.CodeAnalysis;",
                "using Npgsql;",
                "",
                "/// <summary>Heroku Postgres' DATABASE_URL in the Key=Value form Npgsql reads.</summary>",
                "internal static class " + HelperClass,
                "{",
                "    /// <summary>",
                "    /// Converts postgres://user:password@host:port/database, the form of Heroku's DATABASE_URL, into an",
                "    /// Npgsql connection string with TLS required, as Heroku Postgres demands. Any other value, such as",
                "    /// a local Key=Value connection string, is returned unchanged.",
                "    /// </summary>",
                "    [return: NotNullIfNotNull(\"databaseUrl\")]",
                "    public static string? " + HelperMethod + "(string? databaseUrl)",
                "    {",
                "        if (!Uri.TryCreate(databaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != \"postgres\" && uri.Scheme != \"postgresql\"))",
                "        {",
                "            return databaseUrl;",
                "        }",
                "",
                "        // The password may contain ':' or '@' (percent-encoded): split at the first ':' and unescape.",
                "        var colon = uri.UserInfo.IndexOf(':');",
                "        var builder = new NpgsqlConnectionStringBuilder",
                "        {",
                "            Host = uri.Host,",
                "            Port = uri.Port > 0 ? uri.Port : 5432,",
                "            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),",
                "            Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo.Substring(0, colon)),",
                "            Password = colon < 0 ? null : Uri.UnescapeDataString(uri.UserInfo.Substring(colon + 1)),",
                "            SslMode = SslMode.Require,",
            }.ToList();
            if (trustCertificate)
            {
                lines.Add("            TrustServerCertificate = true,");
            }

            lines.AddRange(new[]
            {
                "        };",
                "        return builder.ConnectionString;",
                "    }",
                "}",
                "",
            });
            return string.Join(eol, lines);
        }
    }
}
