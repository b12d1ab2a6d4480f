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
            HttpContext = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.HttpContext");
            RequestDelegate = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.RequestDelegate");
            ApplicationBuilder = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.IApplicationBuilder");
            EndpointRouteBuilder = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Routing.IEndpointRouteBuilder");
            Middleware = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.IMiddleware");
            EndpointFilter = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.IEndpointFilter");

            ControllerAttribute = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.ControllerAttribute");
            NonControllerAttribute = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.NonControllerAttribute");
            ControllerBase = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.ControllerBase");
            NonActionAttribute = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.NonActionAttribute");
            FilterMetadata = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.Filters.IFilterMetadata");
            PageModel = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.RazorPages.PageModel");
            PageBase = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.RazorPages.PageBase");
            NonHandlerAttribute = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.RazorPages.NonHandlerAttribute");
            NonViewComponentAttribute = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.NonViewComponentAttribute");
            ViewComponent = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.ViewComponent");
            ViewComponentAttribute = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.ViewComponentAttribute");
            CallbackInterfaces = Resolve(compilation, RequestHandlers.CallbackInterfaces);
            CallbackBaseClasses = Resolve(compilation, RequestHandlers.CallbackBaseClasses);
            Registrations = new ServiceRegistrations(compilation);

            Delegate = compilation.GetSpecialType(SpecialType.System_Delegate);
            Disposable = compilation.GetSpecialType(SpecialType.System_IDisposable);
            Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
            TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
            ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
            ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
            CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
            CancellationTokenSource = compilation.GetTypeByMetadataName("System.Threading.CancellationTokenSource");
            TimeSpan = compilation.GetTypeByMetadataName("System.TimeSpan");
            Thread = compilation.GetTypeByMetadataName("System.Threading.Thread");
            HttpClient = compilation.GetTypeByMetadataName("System.Net.Http.HttpClient");
            DbCommand = compilation.GetTypeByMetadataName("System.Data.Common.DbCommand");
            DbCommandInterface = compilation.GetTypeByMetadataName("System.Data.IDbCommand");
            MemoryStream = compilation.GetTypeByMetadataName("System.IO.MemoryStream");
            Queryable = compilation.GetTypeByMetadataName("System.Linq.IQueryable");

            DbSet = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.DbSet`1");
            DbContext = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.DbContext");
            EfQueryableExtensions = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions");
            DbContextFactory = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.IDbContextFactory`1");
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
                if (compilation.GetTypeByMetadataName(name) is INamedTypeSymbol type)
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
