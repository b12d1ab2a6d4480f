using System.Collections.Immutable;
using System.Composition;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using HerokuAnalyzers.Heroku;
using HerokuAnalyzers.Hosting;
using HerokuAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HerokuAnalyzers.CodeFixes.Hosting
{
    /// <summary>
    /// HK3001, HK3002, HK3005: binds every interface, dual-stack, on the port Heroku puts in $PORT,
    /// keeping the old port as the fallback for local runs:
    /// <c>$"http://*:{Environment.GetEnvironmentVariable("PORT") ?? "5000"}"</c>.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BindAllInterfacesCodeFixProvider)), Shared]
    public sealed class BindAllInterfacesCodeFixProvider : CodeFixProvider
    {
        private const string Title = "Bind all interfaces on $PORT";

        private static readonly Regex LoopbackHost = new Regex(
            @"://(localhost|[A-Za-z0-9.-]+\.localhost|127(\.[0-9]{1,3}){3}|\[::1\])(?=[:/]|$)",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        private static readonly Regex IPv4AnyHost = new Regex(@"://0\.0\.0\.0(?=[:/]|$)", RegexOptions.CultureInvariant);

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
            Descriptors.HK3001_FixedPort.Id,
            Descriptors.HK3002_LoopbackBinding.Id,
            Descriptors.HK3005_IPv4OnlyBinding.Id);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null || model == null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                diagnostic.Properties.TryGetValue(Descriptors.FixKindProperty, out var kind);
                diagnostic.Properties.TryGetValue(ServerBindingAnalyzer.FallbackPortProperty, out var fallbackPort);
                var names = new TypeNames(model, node.SpanStart);
                var replacement = CreateReplacement(node, kind, fallbackPort, HostToReplace(diagnostic.Id), names);
                if (replacement == null)
                {
                    continue;
                }

                var (oldNode, newNode) = replacement.Value;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        Title,
                        ct => ReplaceAsync(context.Document, oldNode, newNode, ct),
                        equivalenceKey: Title),
                    diagnostic);
            }
        }

        /// <summary>In an interpolated URL only the host can be fixed; a fixed port there (HK3001) is left to the user.</summary>
        private static Regex? HostToReplace(string id)
        {
            if (id == Descriptors.HK3002_LoopbackBinding.Id)
            {
                return LoopbackHost;
            }

            return id == Descriptors.HK3005_IPv4OnlyBinding.Id ? IPv4AnyHost : null;
        }

        private static (SyntaxNode Old, SyntaxNode New)? CreateReplacement(SyntaxNode node, string? kind, string? fallbackPort, Regex? host, TypeNames names)
        {
            switch (kind)
            {
                case ServerBindingAnalyzer.FixUrl:
                    if (node is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression))
                    {
                        var port = string.IsNullOrEmpty(fallbackPort) ? "5000" : fallbackPort!;
                        var url = SyntaxFactory.ParseExpression("$\"http://*:{" + PortExpression(port, names) + "}\"");
                        return (literal, url.WithTriviaFrom(literal));
                    }

                    if (node is InterpolatedStringExpressionSyntax interpolated && host != null)
                    {
                        foreach (var content in interpolated.Contents)
                        {
                            if (content is InterpolatedStringTextSyntax text && host.IsMatch(text.TextToken.Text))
                            {
                                var newText = host.Replace(text.TextToken.Text, "://*", 1);
                                var token = SyntaxFactory.Token(text.TextToken.LeadingTrivia, SyntaxKind.InterpolatedStringTextToken, newText, newText, text.TextToken.TrailingTrivia);
                                return (text, text.WithTextToken(token));
                            }
                        }
                    }

                    return null;

                case ServerBindingAnalyzer.FixListenLocalhost:
                    if (node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } invocation)
                    {
                        var arguments = invocation.ArgumentList;
                        if (arguments.Arguments.Count > 0)
                        {
                            arguments = arguments.ReplaceNode(arguments.Arguments[0], PortArgument(arguments.Arguments[0], names));
                        }

                        var renamed = invocation
                            .WithExpression(member.WithName(SyntaxFactory.IdentifierName("ListenAnyIP").WithTriviaFrom(member.Name)))
                            .WithArgumentList(arguments);
                        return (invocation, renamed);
                    }

                    return null;

                case ServerBindingAnalyzer.FixListenAddress:
                    if (node is ExpressionSyntax address && node.Parent is ArgumentSyntax addressArgument && addressArgument.Parent is ArgumentListSyntax list)
                    {
                        var anyAddress = SyntaxFactory.ParseExpression(names.Get("System.Net", "IPAddress") + ".IPv6Any").WithTriviaFrom(address);
                        var index = list.Arguments.IndexOf(addressArgument);
                        var newList = list.ReplaceNode(address, anyAddress);
                        if (index + 1 < newList.Arguments.Count)
                        {
                            newList = newList.ReplaceNode(newList.Arguments[index + 1], PortArgument(newList.Arguments[index + 1], names));
                        }

                        return (list, newList);
                    }

                    return null;

                case ServerBindingAnalyzer.FixPort:
                    if (node is ExpressionSyntax && node.Parent is ArgumentSyntax portArgument)
                    {
                        var newArgument = PortArgument(portArgument, names);
                        return newArgument == portArgument ? null : (portArgument, newArgument);
                    }

                    return null;

                case ServerBindingAnalyzer.FixIPv4Address:
                    if (node is ExpressionSyntax ipv4Any)
                    {
                        return (ipv4Any, SyntaxFactory.ParseExpression(names.Get("System.Net", "IPAddress") + ".IPv6Any").WithTriviaFrom(ipv4Any));
                    }

                    return null;

                default:
                    return null;
            }
        }

        /// <summary>A literal port becomes the PORT variable with the literal as fallback; any other expression is kept.</summary>
        private static ArgumentSyntax PortArgument(ArgumentSyntax argument, TypeNames names)
        {
            if (argument.Expression is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.NumericLiteralExpression))
            {
                var parsed = SyntaxFactory.ParseExpression("int.Parse(" + PortExpression(literal.Token.ValueText, names) + ")");
                return argument.WithExpression(parsed.WithTriviaFrom(literal));
            }

            return argument;
        }

        private static string PortExpression(string fallbackPort, TypeNames names)
            => names.Get("System", "Environment") + ".GetEnvironmentVariable(\"" + HerokuFacts.PortVariable + "\") ?? \"" + fallbackPort + "\"";

        private static async Task<Document> ReplaceAsync(Document document, SyntaxNode oldNode, SyntaxNode newNode, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            return root == null ? document : document.WithSyntaxRoot(root.ReplaceNode(oldNode, newNode));
        }
    }
}
