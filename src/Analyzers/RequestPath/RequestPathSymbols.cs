using HerokuAnalyzers.Infrastructure;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace HerokuAnalyzers.RequestPath
{
    /// <summary>
    /// The framework types that decide what a request handler is and which calls block, resolved once
    /// per compilation. Missing types (no EF Core, no MVC) are null and the checks that need them skip.
    /// </summary>
    internal sealed class RequestPathSymbols
    {
        private RequestPathSymbols(Compilation compilation)
        {
            HttpContext = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Http.HttpContext");
            RequestDelegate = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Http.RequestDelegate");
            ApplicationBuilder = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Builder.IApplicationBuilder");
            EndpointRouteBuilder = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Routing.IEndpointRouteBuilder");
            Middleware = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Http.IMiddleware");
            EndpointFilter = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Http.IEndpointFilter");

            ControllerAttribute = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Mvc.ControllerAttribute");
            NonControllerAttribute = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Mvc.NonControllerAttribute");
            ControllerBase = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Mvc.ControllerBase");
            NonActionAttribute = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Mvc.NonActionAttribute");
            FilterMetadata = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Mvc.Filters.IFilterMetadata");
            PageModel = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Mvc.RazorPages.PageModel");
            PageBase = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Mvc.RazorPages.PageBase");
            NonHandlerAttribute = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Mvc.RazorPages.NonHandlerAttribute");
            NonViewComponentAttribute = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Mvc.NonViewComponentAttribute");
            ViewComponent = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Mvc.ViewComponent");
            ViewComponentAttribute = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Mvc.ViewComponentAttribute");
            CallbackInterfaces = Resolve(compilation, RequestHandlers.CallbackInterfaces);
            CallbackBaseClasses = Resolve(compilation, RequestHandlers.CallbackBaseClasses);
            Registrations = new ServiceRegistrations(compilation);

            Delegate = compilation.GetSpecialType(SpecialType.System_Delegate);
            Disposable = compilation.GetSpecialType(SpecialType.System_IDisposable);
            Task = KnownTypes.Get(compilation, "System.Threading.Tasks.Task");
            TaskOfT = KnownTypes.Get(compilation, "System.Threading.Tasks.Task`1");
            ValueTask = KnownTypes.Get(compilation, "System.Threading.Tasks.ValueTask");
            ValueTaskOfT = KnownTypes.Get(compilation, "System.Threading.Tasks.ValueTask`1");
            CancellationToken = KnownTypes.Get(compilation, "System.Threading.CancellationToken");
            CancellationTokenSource = KnownTypes.Get(compilation, "System.Threading.CancellationTokenSource");
            TimeSpan = KnownTypes.Get(compilation, "System.TimeSpan");
            Thread = KnownTypes.Get(compilation, "System.Threading.Thread");
            HttpClient = KnownTypes.Get(compilation, "System.Net.Http.HttpClient");
            DbCommand = KnownTypes.Get(compilation, "System.Data.Common.DbCommand");
            DbCommandInterface = KnownTypes.Get(compilation, "System.Data.IDbCommand");
            MemoryStream = KnownTypes.Get(compilation, "System.IO.MemoryStream");
            Queryable = KnownTypes.Get(compilation, "System.Linq.IQueryable");

            DbSet = KnownTypes.Get(compilation, "Microsoft.EntityFrameworkCore.DbSet`1");
            DbContext = KnownTypes.Get(compilation, "Microsoft.EntityFrameworkCore.DbContext");
            EfQueryableExtensions = KnownTypes.Get(compilation, "Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions");
            DbContextFactory = KnownTypes.Get(compilation, "Microsoft.EntityFrameworkCore.IDbContextFactory`1");
            EfRunsInMemoryOnly = DbContext != null && RunsInMemoryOnly(compilation);

            var awaitables = ImmutableHashSet.CreateBuilder<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            foreach (var type in new[] { Task, TaskOfT, ValueTask, ValueTaskOfT })
            {
                if (type != null)
                {
                    awaitables.Add(type);
                }
            }

            Awaitables = awaitables.ToImmutable();
        }

        public INamedTypeSymbol? HttpContext { get; }

        public INamedTypeSymbol? RequestDelegate { get; }

        public INamedTypeSymbol? ApplicationBuilder { get; }

        public INamedTypeSymbol? EndpointRouteBuilder { get; }

        public INamedTypeSymbol? Middleware { get; }

        public INamedTypeSymbol? EndpointFilter { get; }

        public INamedTypeSymbol? ControllerAttribute { get; }

        public INamedTypeSymbol? NonControllerAttribute { get; }

        public INamedTypeSymbol? ControllerBase { get; }

        public INamedTypeSymbol? NonActionAttribute { get; }

        public INamedTypeSymbol? FilterMetadata { get; }

        public INamedTypeSymbol? PageModel { get; }

        public INamedTypeSymbol? PageBase { get; }

        public INamedTypeSymbol? NonHandlerAttribute { get; }

        public INamedTypeSymbol? NonViewComponentAttribute { get; }

        public INamedTypeSymbol Delegate { get; }

        public INamedTypeSymbol Disposable { get; }

        public INamedTypeSymbol? Task { get; }

        public INamedTypeSymbol? TaskOfT { get; }

        public INamedTypeSymbol? ValueTask { get; }

        public INamedTypeSymbol? ValueTaskOfT { get; }

        public INamedTypeSymbol? CancellationToken { get; }

        public INamedTypeSymbol? CancellationTokenSource { get; }

        public INamedTypeSymbol? TimeSpan { get; }

        public INamedTypeSymbol? Thread { get; }

        public INamedTypeSymbol? HttpClient { get; }

        public INamedTypeSymbol? DbCommand { get; }

        public INamedTypeSymbol? DbCommandInterface { get; }

        public INamedTypeSymbol? MemoryStream { get; }

        /// <summary>System.Linq.IQueryable (non-generic: every IQueryable&lt;T&gt; implements it).</summary>
        public INamedTypeSymbol? Queryable { get; }

        public INamedTypeSymbol? DbSet { get; }

        public INamedTypeSymbol? DbContext { get; }

        public INamedTypeSymbol? EfQueryableExtensions { get; }

        public INamedTypeSymbol? DbContextFactory { get; }

        /// <summary>
        /// EF Core's only provider in the app is the in-memory one (Microsoft.EntityFrameworkCore.InMemory
        /// referenced; no relational provider — they all build on Microsoft.EntityFrameworkCore.Relational —
        /// no Cosmos, no MongoDB provider): queries and SaveChanges then read and write a dictionary, not a database.
        /// </summary>
        public bool EfRunsInMemoryOnly { get; }

        private static bool RunsInMemoryOnly(Compilation compilation)
        {
            var inMemory = false;
            foreach (var assembly in compilation.ReferencedAssemblyNames)
            {
                switch (assembly.Name)
                {
                    case "Microsoft.EntityFrameworkCore.InMemory":
                        inMemory = true;
                        break;
                    case "Microsoft.EntityFrameworkCore.Relational":
                    case "Microsoft.EntityFrameworkCore.Cosmos":
                    case "MongoDB.EntityFrameworkCore":
                        return false;
                }
            }

            return inMemory;
        }

        public INamedTypeSymbol? ViewComponent { get; }

        public INamedTypeSymbol? ViewComponentAttribute { get; }

        /// <summary>Interfaces whose methods ASP.NET Core calls inside a request (filters, health checks, handlers …).</summary>
        public ImmutableHashSet<INamedTypeSymbol> CallbackInterfaces { get; }

        /// <summary>Base classes whose overrides ASP.NET Core calls inside a request (tag helpers, formatters …).</summary>
        public ImmutableHashSet<INamedTypeSymbol> CallbackBaseClasses { get; }

        /// <summary>
        /// Not a symbol: the DI registrations of the compilation (one per compilation, as this object), read
        /// on demand to know which constructors requests run — from any document, so the editor agrees with the build.
        /// </summary>
        public ServiceRegistrations Registrations { get; }

        private static ImmutableHashSet<INamedTypeSymbol> Resolve(Compilation compilation, string[] names)
        {
            var types = ImmutableHashSet.CreateBuilder<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            foreach (var name in names)
            {
                if (KnownTypes.Get(compilation, name) is INamedTypeSymbol type)
                {
                    types.Add(type);
                }
            }

            return types.ToImmutable();
        }

        /// <summary>Task, Task&lt;T&gt;, ValueTask, ValueTask&lt;T&gt; (original definitions).</summary>
        public ImmutableHashSet<INamedTypeSymbol> Awaitables { get; }

        /// <summary>Null when the compilation does not reference ASP.NET Core: no request path to check.</summary>
        public static RequestPathSymbols? TryCreate(Compilation compilation)
        {
            var symbols = new RequestPathSymbols(compilation);
            return symbols.HttpContext == null || symbols.Task == null || symbols.CancellationToken == null ? null : symbols;
        }

        public bool IsAwaitable(ITypeSymbol? type)
            => type is INamedTypeSymbol named && Awaitables.Contains(named.OriginalDefinition);
    }
}
