using System.Collections.Generic;
using System.Collections.Immutable;
using HerokuAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace HerokuAnalyzers.RequestPath
{
    /// <summary>What the rule checks need while one method body (or handler lambda) is walked.</summary>
    internal sealed class CheckScope
    {
        public CheckScope(RequestPathSymbols symbols, AsyncTwins twins, RequestPathOptions options, ISymbol owner, int functionStart, List<Finding> findings)
        {
            Symbols = symbols;
            Twins = twins;
            Options = options;
            Owner = owner;
            FunctionStart = functionStart;
            Findings = findings;
        }

        public RequestPathSymbols Symbols { get; }

        public AsyncTwins Twins { get; }

        public RequestPathOptions Options { get; }

        /// <summary>The method whose body is walked (for top-level statements, the synthesized Main).</summary>
        public ISymbol Owner { get; }

        /// <summary>Where the walked function (method or handler lambda) starts: the fixer makes that one async.</summary>
        public int FunctionStart { get; }

        public List<Finding> Findings { get; }

        public void Add(DiagnosticDescriptor descriptor, IOperation at, string what, ImmutableDictionary<string, string?>? properties = null, params string[] extra)
        {
            var all = (properties ?? ImmutableDictionary<string, string?>.Empty)
                .SetItem(RequestPathAnalyzer.InHandlerProperty, FunctionStart.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Findings.Add(new Finding(descriptor, at.Syntax.GetLocation(), what, all, extra));
        }

        public static ImmutableDictionary<string, string?> Fix(string kind)
            => ImmutableDictionary<string, string?>.Empty.Add(Descriptors.FixKindProperty, kind);

        /// <summary>
        /// The request's cancellation token as an expression usable at <paramref name="at"/>: a CancellationToken
        /// parameter, <c>x.RequestAborted</c> for an HttpContext parameter, <c>x.HttpContext.RequestAborted</c>
        /// for a filter context, <c>HttpContext.RequestAborted</c> in controllers and page models.
        /// </summary>
        public string? RequestToken(IOperation at)
        {
            for (var parent = at.Parent; parent != null; parent = parent.Parent)
            {
                var function = parent switch
                {
                    IAnonymousFunctionOperation lambda => lambda.Symbol,
                    ILocalFunctionOperation local => local.Symbol,
                    _ => null,
                };
                if (function != null && TokenFromParameters(function) is string fromLambda)
                {
                    return fromLambda;
                }
            }

            if (Owner is IMethodSymbol method)
            {
                if (TokenFromParameters(method) is string fromMethod)
                {
                    return fromMethod;
                }

                if (!method.IsStatic && (RequestHandlers.DerivesFrom(method.ContainingType, Symbols.ControllerBase) || RequestHandlers.DerivesFrom(method.ContainingType, Symbols.PageModel)))
                {
                    return "HttpContext.RequestAborted";
                }
            }

            return null;
        }

        private string? TokenFromParameters(IMethodSymbol method)
        {
            foreach (var parameter in method.Parameters)
            {
                if (SymbolEqualityComparer.Default.Equals(parameter.Type, Symbols.CancellationToken))
                {
                    return parameter.Name;
                }
            }

            foreach (var parameter in method.Parameters)
            {
                if (SymbolEqualityComparer.Default.Equals(parameter.Type, Symbols.HttpContext))
                {
                    return parameter.Name + ".RequestAborted";
                }

                for (var type = parameter.Type; type != null; type = type.BaseType)
                {
                    foreach (var member in type.GetMembers("HttpContext"))
                    {
                        if (member is IPropertySymbol { IsStatic: false, DeclaredAccessibility: Accessibility.Public } property
                            && SymbolEqualityComparer.Default.Equals(property.Type, Symbols.HttpContext))
                        {
                            return parameter.Name + ".HttpContext.RequestAborted";
                        }
                    }
                }
            }

            return null;
        }
    }
}
