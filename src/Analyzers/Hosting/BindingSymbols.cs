using HerokuAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;

namespace HerokuAnalyzers.Hosting
{
    /// <summary>The ASP.NET Core types that decide where Kestrel listens, resolved once per compilation.</summary>
    internal sealed class BindingSymbols
    {
        private BindingSymbols(Compilation compilation)
        {
            WebApplication = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Builder.WebApplication");
            WebHostBuilder = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Hosting.IWebHostBuilder");
            WebHostBuilderExtensions = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Hosting.HostingAbstractionsWebHostBuilderExtensions");
            KestrelServerOptions = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions");
            IPAddress = KnownTypes.Get(compilation, "System.Net.IPAddress");
            IPEndPoint = KnownTypes.Get(compilation, "System.Net.IPEndPoint");
            Environment = KnownTypes.Get(compilation, "System.Environment");
            Configuration = KnownTypes.Get(compilation, "Microsoft.Extensions.Configuration.IConfiguration");
            ConfigurationBinder = KnownTypes.Get(compilation, "Microsoft.Extensions.Configuration.ConfigurationBinder");
        }

        public INamedTypeSymbol? WebApplication { get; }

        public INamedTypeSymbol? WebHostBuilder { get; }

        public INamedTypeSymbol? WebHostBuilderExtensions { get; }

        public INamedTypeSymbol? KestrelServerOptions { get; }

        public INamedTypeSymbol? IPAddress { get; }

        public INamedTypeSymbol? IPEndPoint { get; }

        public INamedTypeSymbol? Environment { get; }

        public INamedTypeSymbol? Configuration { get; }

        public INamedTypeSymbol? ConfigurationBinder { get; }

        /// <summary>Null when the compilation does not reference ASP.NET Core: nothing to check.</summary>
        public static BindingSymbols? TryCreate(Compilation compilation)
        {
            var symbols = new BindingSymbols(compilation);
            return symbols.WebApplication == null && symbols.WebHostBuilder == null && symbols.KestrelServerOptions == null
                ? null
                : symbols;
        }
    }
}
