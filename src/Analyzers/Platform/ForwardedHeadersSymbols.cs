using HerokuAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;

namespace HerokuAnalyzers.Platform
{
    /// <summary>The ASP.NET Core types HK8001 recognises, resolved once per compilation.</summary>
    internal sealed class ForwardedHeadersSymbols
    {
        private ForwardedHeadersSymbols(Compilation compilation, INamedTypeSymbol httpRequest)
        {
            HttpRequest = httpRequest;
            ConnectionInfo = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Http.ConnectionInfo");
            ForwardedHeadersExtensions = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Builder.ForwardedHeadersExtensions");
            HttpsPolicyBuilderExtensions = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Builder.HttpsPolicyBuilderExtensions");
            HstsBuilderExtensions = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Builder.HstsBuilderExtensions");
        }

        public INamedTypeSymbol HttpRequest { get; }

        public INamedTypeSymbol? ConnectionInfo { get; }

        public INamedTypeSymbol? ForwardedHeadersExtensions { get; }

        public INamedTypeSymbol? HttpsPolicyBuilderExtensions { get; }

        public INamedTypeSymbol? HstsBuilderExtensions { get; }

        /// <summary>Null when the compilation does not reference ASP.NET Core.</summary>
        public static ForwardedHeadersSymbols? TryCreate(Compilation compilation)
            => KnownTypes.Get(compilation, "Microsoft.AspNetCore.Http.HttpRequest") is INamedTypeSymbol request
                ? new ForwardedHeadersSymbols(compilation, request)
                : null;
    }
}
