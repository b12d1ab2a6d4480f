using System;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HerokuAnalyzers.Platform
{
    /// <summary>
    /// How the whole compilation handles Heroku's forwarded headers, from a syntax pass over every file,
    /// kept per file (the editor analyses one open file, but the setup usually lives in another). Names are
    /// matched syntactically; the rules that use this only ever stay silent because of it.
    /// </summary>
    internal sealed class ForwardedHeadersSetup
    {
        private static readonly ConditionalWeakTable<SyntaxTree, ForwardedHeadersSetup> ByTree = new ConditionalWeakTable<SyntaxTree, ForwardedHeadersSetup>();

        private static readonly string[] HttpsPortKeys = { "https_port", "https_ports", "ASPNETCORE_HTTPS_PORT", "ASPNETCORE_HTTPS_PORTS" };

        private ForwardedHeadersSetup()
        {
        }

        /// <summary>Some file calls UseForwardedHeaders.</summary>
        public bool CallsUseForwardedHeaders { get; private set; }

        /// <summary>The code takes the scheme from the router itself: it reads X-Forwarded-Proto or assigns Request.Scheme.</summary>
        public bool HandlesSchemeItself { get; private set; }

        /// <summary>What Configure&lt;ForwardedHeadersOptions&gt; (and friends) set, merged; null when nothing configures the options.</summary>
        public ForwardedHeadersConfiguration? Configured { get; private set; }

        /// <summary>How the code sets an HTTPS port for UseHttpsRedirection (e.g. "HttpsPort = 443"), or null.</summary>
        public string? HttpsPort { get; private set; }

        public static ForwardedHeadersSetup Scan(Compilation compilation, CancellationToken cancellationToken)
        {
            // Each tree's part is kept with the tree (an editor's next compilation shares every unchanged
            // tree), and the parts fold in tree order as one pass over the files would.
            var setup = new ForwardedHeadersSetup();
            foreach (var tree in compilation.SyntaxTrees)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var part = ByTree.GetValue(tree, ScanTree);
                setup.CallsUseForwardedHeaders |= part.CallsUseForwardedHeaders;
                setup.HandlesSchemeItself |= part.HandlesSchemeItself;
                setup.HttpsPort ??= part.HttpsPort;
                if (part.Configured != null)
                {
                    setup.Configured = setup.Configured == null ? part.Configured : setup.Configured.Merge(part.Configured);
                }
            }

            return setup;
        }

        private static ForwardedHeadersSetup ScanTree(SyntaxTree tree)
        {
            var setup = new ForwardedHeadersSetup();
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                switch (node)
                {
                    case InvocationExpressionSyntax invocation:
                        setup.VisitInvocation(invocation);
                        break;
                    case AssignmentExpressionSyntax assignment:
                        setup.VisitAssignment(assignment);
                        break;
                    case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                        setup.VisitString(literal.Token.ValueText);
                        break;
                    case IdentifierNameSyntax { Identifier.ValueText: "HttpsPortKey" }:
                        setup.HttpsPort ??= "WebHostDefaults.HttpsPortKey";
                        break;
                }
            }

            return setup;
        }

        private void VisitInvocation(InvocationExpressionSyntax invocation)
        {
            var name = NameOf(invocation.Expression);
            if (name == null)
            {
                return;
            }

            if (name.Identifier.ValueText == "UseForwardedHeaders")
            {
                CallsUseForwardedHeaders = true;
                return;
            }

            // services.Configure<ForwardedHeadersOptions>(…), AddOptions<ForwardedHeadersOptions>().Configure(…), PostConfigure<…>.
            if (name is GenericNameSyntax generic
                && generic.TypeArgumentList.Arguments.Any(a => a.ToString().EndsWith("ForwardedHeadersOptions", StringComparison.Ordinal)))
            {
                var scope = OutermostInvocation(invocation);
                var configuration = scope.DescendantNodes().Any(n => n is LambdaExpressionSyntax || n is AnonymousMethodExpressionSyntax)
                    ? ForwardedHeadersConfiguration.Of(new SyntaxNode[] { scope })
                    : ForwardedHeadersConfiguration.Unknown;
                Configured = Configured == null ? configuration : Configured.Merge(configuration);
            }
        }

        private void VisitAssignment(AssignmentExpressionSyntax assignment)
        {
            if (assignment.Left is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Scheme" })
            {
                HandlesSchemeItself = true;
            }
            else if (NameOf(assignment.Left)?.Identifier.ValueText == "HttpsPort" && !assignment.Right.IsKind(SyntaxKind.NullLiteralExpression))
            {
                HttpsPort ??= "HttpsPort = " + assignment.Right;
            }
        }

        private void VisitString(string value)
        {
            if (string.Equals(value, "X-Forwarded-Proto", StringComparison.OrdinalIgnoreCase))
            {
                HandlesSchemeItself = true;
            }
            else if (HttpsPortKeys.Any(k => string.Equals(k, value, StringComparison.OrdinalIgnoreCase)))
            {
                HttpsPort ??= "the '" + value + "' setting";
            }
        }

        private static SimpleNameSyntax? NameOf(ExpressionSyntax expression) => expression switch
        {
            MemberAccessExpressionSyntax member => member.Name,
            MemberBindingExpressionSyntax binding => binding.Name,
            SimpleNameSyntax simple => simple,
            _ => null,
        };

        private static SyntaxNode OutermostInvocation(InvocationExpressionSyntax invocation)
        {
            SyntaxNode node = invocation;
            while (node.Parent is MemberAccessExpressionSyntax || node.Parent is InvocationExpressionSyntax)
            {
                node = node.Parent;
            }

            return node;
        }
    }

    /// <summary>What one piece of code sets on ForwardedHeadersOptions.</summary>
    internal sealed class ForwardedHeadersConfiguration
    {
        /// <summary>Options bound from configuration or built elsewhere: assumed right.</summary>
        public static readonly ForwardedHeadersConfiguration Unknown = new ForwardedHeadersConfiguration(true, true, true);

        private ForwardedHeadersConfiguration(bool forwardsProto, bool trustsNetworks, bool trustsProxies)
        {
            ForwardsProto = forwardsProto;
            TrustsNetworks = trustsNetworks;
            TrustsProxies = trustsProxies;
        }

        /// <summary>ForwardedHeaders includes XForwardedProto (or is set from an expression that may).</summary>
        public bool ForwardsProto { get; }

        /// <summary>KnownNetworks / KnownIPNetworks is cleared or given a range: no longer loopback only.</summary>
        public bool TrustsNetworks { get; }

        /// <summary>KnownProxies is cleared or given an address.</summary>
        public bool TrustsProxies { get; }

        public bool TrustsRouter => TrustsNetworks && TrustsProxies;

        public bool IsComplete => ForwardsProto && TrustsRouter;

        /// <summary>Reads the assignments and member uses under the given nodes.</summary>
        public static ForwardedHeadersConfiguration Of(SyntaxNode[] scopes)
        {
            bool proto = false, networks = false, proxies = false;
            foreach (var node in scopes.SelectMany(s => s.DescendantNodesAndSelf()))
            {
                switch (node)
                {
                    case AssignmentExpressionSyntax assignment when LastName(assignment.Left) == "ForwardedHeaders":
                        proto |= MayIncludeProto(assignment.Right);
                        break;
                    case SimpleNameSyntax name:
                        var text = name.Identifier.ValueText;
                        networks |= text == "KnownNetworks" || text == "KnownIPNetworks";
                        proxies |= text == "KnownProxies";
                        break;
                }
            }

            return new ForwardedHeadersConfiguration(proto, networks, proxies);
        }

        public ForwardedHeadersConfiguration Merge(ForwardedHeadersConfiguration other)
            => new ForwardedHeadersConfiguration(ForwardsProto || other.ForwardsProto, TrustsNetworks || other.TrustsNetworks, TrustsProxies || other.TrustsProxies);

        /// <summary>A value built from ForwardedHeaders members only includes Proto when it names XForwardedProto or All.</summary>
        private static bool MayIncludeProto(ExpressionSyntax value)
        {
            var names = value.DescendantNodesAndSelf().OfType<MemberAccessExpressionSyntax>()
                .Where(m => m.Expression.ToString().EndsWith("ForwardedHeaders", StringComparison.Ordinal))
                .Select(m => m.Name.Identifier.ValueText)
                .ToList();
            return names.Count == 0 || names.Contains("XForwardedProto") || names.Contains("All");
        }

        private static string? LastName(ExpressionSyntax expression) => expression switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            _ => null,
        };
    }
}
