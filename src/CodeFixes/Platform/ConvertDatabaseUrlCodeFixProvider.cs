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
        private const string HelperMethod = "ToNpgsqlConnectionString";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.HK8004_DatabaseUrl.Id);

        /// <summary>No Fix All: the first fix adds the helper file, which a batch of fixes would add once per site.</summary>
        public override FixAllProvider? GetFixAllProvider() => null;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(Descriptors.FixKindProperty, out var kind))
                {
                    continue;
                }

                if (kind == DatabaseUrlAnalyzer.FixRegexSplit && diagnostic.AdditionalLocations.Count == 3
                    && root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true) is LocalDeclarationStatementSyntax declaration
                    && declaration.Span == diagnostic.AdditionalLocations[0].SourceSpan
                    && root.FindNode(diagnostic.AdditionalLocations[1].SourceSpan, getInnermostNodeForTie: true) is InterpolatedStringExpressionSyntax built
                    && root.FindNode(diagnostic.AdditionalLocations[2].SourceSpan, getInnermostNodeForTie: true) is ExpressionSyntax url
                    && url.Span == diagnostic.AdditionalLocations[2].SourceSpan)
                {
                    diagnostic.Properties.TryGetValue(DatabaseUrlAnalyzer.KeptSettingsProperty, out var kept);
                    context.RegisterCodeFix(
                        CodeAction.Create(RegexTitle, ct => ReplaceSplitAsync(context.Document, declaration, built, url, kept ?? "", ct), equivalenceKey: RegexTitle),
                        diagnostic);
                    continue;
                }

                if (kind != DatabaseUrlAnalyzer.FixConvertUrl)
                {
                    continue;
                }

                if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is ExpressionSyntax expression
                    && expression.Span == diagnostic.Location.SourceSpan)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(Title, ct => ConvertAsync(context.Document, expression, ct), equivalenceKey: Title),
                        diagnostic);
                }
            }
        }

        private static async Task<Solution> ConvertAsync(Document document, ExpressionSyntax expression, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root == null || model == null)
            {
                return document.Project.Solution;
            }

            var call = SyntaxFactory.ParseExpression(HelperClass + "." + HelperMethod + "(" + expression.WithoutTrivia() + ")")
                .WithTriviaFrom(expression);
            return WithHelper(document.WithSyntaxRoot(root.ReplaceNode(expression, call)), model, root);
        }

        /// <summary>
        /// The string built from the groups becomes the conversion of the URL the split read (followed by the settings
        /// it set besides the connection and TLS), the split's statement goes, and so does a using of
        /// System.Text.RegularExpressions that nothing needs any more.
        /// </summary>
        private static async Task<Solution> ReplaceSplitAsync(Document document, LocalDeclarationStatementSyntax declaration, InterpolatedStringExpressionSyntax built, ExpressionSyntax url, string kept, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root == null || model == null)
            {
                return document.Project.Solution;
            }

            var text = HelperClass + "." + HelperMethod + "(" + url.WithoutTrivia() + ")";
            if (kept.Length > 0)
            {
                text += " + " + SyntaxFactory.Literal(kept).ToString();
            }

            // A top-level statement is removed with the global statement that holds it.
            SyntaxNode statement = declaration.Parent is GlobalStatementSyntax global ? global : declaration;
            var tracked = root.TrackNodes(statement, built);
            tracked = tracked.ReplaceNode(tracked.GetCurrentNode(built)!, SyntaxFactory.ParseExpression(text).WithTriviaFrom(built));
            tracked = tracked.RemoveNode(tracked.GetCurrentNode(statement)!, SyntaxRemoveOptions.KeepNoTrivia)!;
            var rewritten = document.WithSyntaxRoot(tracked);

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

            return WithHelper(rewritten, model, root);
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

        /// <summary>The rewritten document's solution, with the helper file added next to it unless the project has the helper.</summary>
        private static Solution WithHelper(Document rewritten, SemanticModel model, SyntaxNode root)
        {
            var document = rewritten;
            var solution = rewritten.Project.Solution;
            if (model.Compilation.GetTypeByMetadataName(HelperClass) != null)
            {
                return solution;
            }

            var connection = model.Compilation.GetTypeByMetadataName("Npgsql.NpgsqlConnection");
            var trustCertificate = connection != null && connection.ContainingAssembly.Identity.Version.Major < 8;
            var directory = document.FilePath != null ? Path.GetDirectoryName(document.FilePath) : null;
            var project = solution.GetProject(document.Project.Id)!;
            var helper = project.AddDocument(
                HelperFile,
                HelperSource(trustCertificate, EndOfLine(root)),
                document.Folders,
                directory != null ? Path.Combine(directory, HelperFile) : null);
            return helper.Project.Solution;
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
