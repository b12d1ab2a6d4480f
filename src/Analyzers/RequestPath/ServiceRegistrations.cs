using System;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

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
    /// <c>AddHttpClient&lt;T&gt;</c>), collected while bodies are walked. Their constructors run when a request
    /// resolves them: every time for scoped and transient services, on the first resolution for singletons.
    /// Instances registered as built (<c>AddSingleton(new Foo())</c>) run no constructor at resolution.
    /// </summary>
    internal sealed class ServiceRegistrations
    {
        private const int MaxEntries = 4096;

        private readonly ConcurrentDictionary<INamedTypeSymbol, ServiceLifetime> _lifetimes = new ConcurrentDictionary<INamedTypeSymbol, ServiceLifetime>(SymbolEqualityComparer.Default);

        /// <summary>The lifetime of a registration method (AddScoped, TryAddTransient, AddKeyedSingleton, AddDbContext …), or null.</summary>
        public static ServiceLifetime? LifetimeOf(IMethodSymbol method)
        {
            // Called for every invocation: the name first, the namespace (a string to build) only for candidates.
            var name = method.Name;
            if (!(name.StartsWith("Add", StringComparison.Ordinal) || name.StartsWith("TryAdd", StringComparison.Ordinal))
                || !(name.EndsWith("Scoped", StringComparison.Ordinal) || name.EndsWith("Transient", StringComparison.Ordinal) || name.EndsWith("Singleton", StringComparison.Ordinal)
                     || name == "AddDbContext" || name == "AddHttpClient"))
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

        public void Record(IInvocationOperation invocation)
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

            if (implementation == null || implementation.TypeKind != TypeKind.Class || implementation.IsAbstract || _lifetimes.Count >= MaxEntries)
            {
                return;
            }

            _lifetimes.AddOrUpdate(implementation.OriginalDefinition, lifetime, (_, known) => known == ServiceLifetime.PerRequest ? known : lifetime);
        }

        public ServiceLifetime? Lifetime(INamedTypeSymbol type)
            => _lifetimes.TryGetValue(type.OriginalDefinition, out var lifetime) ? lifetime : (ServiceLifetime?)null;

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
