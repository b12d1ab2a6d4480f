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
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ConvertDatabaseUrlCodeFixProvider)), Shared]
    public sealed class ConvertDatabaseUrlCodeFixProvider : CodeFixProvider
    {
        public const string HelperClass = "HerokuDatabaseUrl";
        public const string HelperFile = HelperClass + ".cs";

        private const string Title = "Convert DATABASE_URL with Uri into an Npgsql connection string";
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
                if (!diagnostic.Properties.TryGetValue(Descriptors.FixKindProperty, out var kind) || kind != DatabaseUrlAnalyzer.FixConvertUrl)
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
            var solution = document.WithSyntaxRoot(root.ReplaceNode(expression, call)).Project.Solution;
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
