using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace HerokuAnalyzers.RequestPath
{
    internal enum ServiceLifetime
    {
        /// <summary>Scoped or transient: built inside the request that resolves it.</summary>
        PerRequest,

        /// <summary>Built once, inside the first request that resolves it.</summary>
        Singleton,
    }

    /// <summary>
    /// The services the app registers with a type the container builds (<c>AddScoped&lt;IFoo, Foo&gt;()</c>,
    /// <c>AddTransient&lt;Foo&gt;()</c>, <c>AddSingleton(typeof(IFoo), typeof(Foo))</c>, <c>AddDbContext&lt;T&gt;</c>,
    /// <c>AddHttpClient&lt;T&gt;</c>), found once per compilation on first demand: the calls with a registration's
    /// name (a syntax scan kept per tree, so an edit rescans one file), binding only those. Whichever document asks first, the answer is
    /// the same, so the editor agrees with the build. Their constructors run when a request
    /// resolves them: every time for scoped and transient services, on the first resolution for singletons.
    /// Instances registered as built (<c>AddSingleton(new Foo())</c>) run no constructor at resolution.
    /// </summary>
    internal sealed class ServiceRegistrations
    {
        private const int MaxEntries = 4096;

        private static readonly ConditionalWeakTable<SyntaxTree, TextSpan[]> CandidatesByTree = new ConditionalWeakTable<SyntaxTree, TextSpan[]>();

        private readonly Compilation _compilation;
        private readonly object _gate = new object();
        private volatile Dictionary<INamedTypeSymbol, ServiceLifetime>? _lifetimes;

        public ServiceRegistrations(Compilation compilation)
        {
            _compilation = compilation;
        }

        /// <summary>The lifetime of a registration method (AddScoped, TryAddTransient, AddKeyedSingleton, AddDbContext …), or null.</summary>
        public static ServiceLifetime? LifetimeOf(IMethodSymbol method)
        {
            // Called for every invocation: the name first, the namespace (a string to build) only for candidates.
            var name = method.Name;
            if (!IsRegistrationName(name))
            {
                return null;
            }

            method = method.ReducedFrom ?? method;
            var ns = method.ContainingNamespace?.ToDisplayString();
            if (ns == null || !ns.StartsWith("Microsoft.Extensions.DependencyInjection", StringComparison.Ordinal))
            {
                return null;
            }

            if (name.EndsWith("Scoped", StringComparison.Ordinal) || name.EndsWith("Transient", StringComparison.Ordinal)
                || name == "AddDbContext" || name == "AddHttpClient")
            {
                return name.StartsWith("Add", StringComparison.Ordinal) || name.StartsWith("TryAdd", StringComparison.Ordinal) ? ServiceLifetime.PerRequest : (ServiceLifetime?)null;
            }

            return name.EndsWith("Singleton", StringComparison.Ordinal) && (name.StartsWith("Add", StringComparison.Ordinal) || name.StartsWith("TryAdd", StringComparison.Ordinal))
                ? ServiceLifetime.Singleton
                : (ServiceLifetime?)null;
        }

        private static bool IsRegistrationName(string name)
            => (name.StartsWith("Add", StringComparison.Ordinal) || name.StartsWith("TryAdd", StringComparison.Ordinal))
               && (name.EndsWith("Scoped", StringComparison.Ordinal) || name.EndsWith("Transient", StringComparison.Ordinal) || name.EndsWith("Singleton", StringComparison.Ordinal)
                   || name == "AddDbContext" || name == "AddHttpClient");

        private static void Record(IInvocationOperation invocation, Dictionary<INamedTypeSymbol, ServiceLifetime> lifetimes)
        {
            var method = invocation.TargetMethod;
            if (!method.IsGenericMethod && invocation.Arguments.Length < 2 || !(LifetimeOf(method) is ServiceLifetime lifetime))
            {
                return;
            }

            INamedTypeSymbol? implementation = null;
            var builtElsewhere = false;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Parameter == null)
                {
                    continue;
                }

                if (argument.Parameter.Name == "implementationType" && argument.Value is ITypeOfOperation typeOf)
                {
                    implementation = typeOf.TypeOperand as INamedTypeSymbol;
                }
                else if (argument.Parameter.Name == "implementationInstance" || argument.Parameter.Name == "implementationFactory"
                         || argument.Parameter.Name == "factory")
                {
                    builtElsewhere = true;
                }
            }

            var typeArguments = method.TypeArguments;
            if (implementation == null && !builtElsewhere && typeArguments.Length > 0)
            {
                // AddScoped<TService, TImplementation>(), AddScoped<TService>(), AddDbContext<TContext>(), AddHttpClient<TClient, TImplementation>().
                implementation = typeArguments[typeArguments.Length - 1] as INamedTypeSymbol;
            }

            if (implementation == null || implementation.TypeKind != TypeKind.Class || implementation.IsAbstract || lifetimes.Count >= MaxEntries)
            {
                return;
            }

            var key = implementation.OriginalDefinition;
            lifetimes[key] = lifetimes.TryGetValue(key, out var known) && known == ServiceLifetime.PerRequest ? known : lifetime;
        }

        public ServiceLifetime? Lifetime(INamedTypeSymbol type)
            => Lifetimes().TryGetValue(type.OriginalDefinition, out var lifetime) ? lifetime : (ServiceLifetime?)null;

        private Dictionary<INamedTypeSymbol, ServiceLifetime> Lifetimes()
        {
            var known = _lifetimes;
            if (known != null)
            {
                return known;
            }

            lock (_gate)
            {
                if (_lifetimes != null)
                {
                    return _lifetimes;
                }

                var lifetimes = new Dictionary<INamedTypeSymbol, ServiceLifetime>(SymbolEqualityComparer.Default);
                foreach (var tree in _compilation.SyntaxTrees)
                {
                    var calls = CandidatesByTree.GetValue(tree, Candidates);
                    if (calls.Length == 0)
                    {
                        continue;
                    }

                    var model = _compilation.GetSemanticModel(tree);
                    var root = tree.GetRoot();
                    foreach (var span in calls)
                    {
                        if (root.FindNode(span, getInnermostNodeForTie: true) is InvocationExpressionSyntax call
                            && model.GetOperation(call) is IInvocationOperation invocation)
                        {
                            Record(invocation, lifetimes);
                        }
                    }
                }

                _lifetimes = lifetimes;
                return lifetimes;
            }
        }

        /// <summary>
        /// The calls of a tree named like a registration, found by syntax once per tree and kept while the tree
        /// lives: an editor's next compilation shares every unchanged tree, so after an edit only the edited
        /// file is walked again, and only these calls are bound.
        /// </summary>
        private static TextSpan[] Candidates(SyntaxTree tree)
        {
            var spans = new List<TextSpan>();
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                if (node is InvocationExpressionSyntax call && IsRegistrationName(CalledName(call.Expression)))
                {
                    spans.Add(call.Span);
                }
            }

            return spans.ToArray();
        }

        private static string CalledName(ExpressionSyntax expression) => expression switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            SimpleNameSyntax name => name.Identifier.ValueText,
            _ => "",
        };

        /// <summary>How messages name code the container runs: "the constructor of scoped or transient service Foo".</summary>
        public static string Describe(ServiceLifetime lifetime, string what, string service)
            => ActivationPrefix + what + " of " + (lifetime == ServiceLifetime.Singleton
                ? "singleton " + service + ", on its first resolution in a request"
                : "scoped or transient service " + service);

        /// <summary>
        /// A handler name made by <see cref="Describe"/>: findings in that code say where it runs ("reached from the
        /// factory of singleton Rates, on its first resolution in a request") even when they are in it directly.
        /// </summary>
        public static bool IsActivation(string? handlerName)
            => handlerName != null && handlerName.StartsWith(ActivationPrefix, StringComparison.Ordinal);

        private const string ActivationPrefix = "the ";
    }
}
