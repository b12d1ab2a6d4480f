using Microsoft.CodeAnalysis;

namespace HerokuAnalyzers.Hosting
{
    /// <summary>The ASP.NET Core types that decide where Kestrel listens, resolved once per compilation.</summary>
    internal sealed class BindingSymbols
    {
        private BindingSymbols(Compilation compilation)
        {
            WebApplication = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.WebApplication");
            WebHostBuilder = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Hosting.IWebHostBuilder");
            WebHostBuilderExtensions = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Hosting.HostingAbstractionsWebHostBuilderExtensions");
            KestrelServerOptions = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions");
            IPAddress = compilation.GetTypeByMetadataName("System.Net.IPAddress");
            IPEndPoint = compilation.GetTypeByMetadataName("System.Net.IPEndPoint");
            Environment = compilation.GetTypeByMetadataName("System.Environment");
            Configuration = compilation.GetTypeByMetadataName("Microsoft.Extensions.Configuration.IConfiguration");
            ConfigurationBinder = compilation.GetTypeByMetadataName("Microsoft.Extensions.Configuration.ConfigurationBinder");
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
