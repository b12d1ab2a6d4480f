using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verify = HerokuAnalyzers.Analyzers.Tests.Verification.CodeFixVerifier<
    HerokuAnalyzers.Platform.ForwardedHeadersAnalyzer,
    HerokuAnalyzers.CodeFixes.Platform.InsertForwardedHeadersCodeFixProvider>;

namespace HerokuAnalyzers.Analyzers.Tests.Platform;

/// <summary>HK8001's fix: the configured UseForwardedHeaders before the first middleware that reads the scheme.</summary>
public class InsertForwardedHeadersCodeFixTests
{
    [Fact]
    public Task The_configured_call_is_inserted_before_UseHttpsRedirection_with_its_using()
        => Verify.VerifyAsync(
            """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHttpsRedirection(o => o.HttpsPort = 443);
            var app = builder.Build();
            {|HK8001:app.UseHttpsRedirection()|};
            app.Run();
            """,
            """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.AspNetCore.HttpOverrides;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHttpsRedirection(o => o.HttpsPort = 443);
            var app = builder.Build();
            var forwardedHeadersOptions = new ForwardedHeadersOptions
            {
                ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            };
            // Heroku's router is not on loopback: trust the proxy that connects. ForwardLimit stays 1, so the client address is the one the router appended.
            forwardedHeadersOptions.KnownNetworks.Clear();
            forwardedHeadersOptions.KnownProxies.Clear();
            app.UseForwardedHeaders(forwardedHeadersOptions);
            app.UseHttpsRedirection();
            app.Run();
            """);

    [Fact]
    public Task In_a_Configure_method_the_call_goes_before_UseHsts_with_the_block_indentation()
    {
        var test = new Verify.Test
        {
            TestCode = """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.HttpOverrides;

            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    {|#0:app.UseHsts()|};
                    {|#1:app.UseHttpsRedirection()|};
                }

                public static void Main() { }
            }
            """,
            FixedCode = """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.HttpOverrides;

            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    var forwardedHeadersOptions = new ForwardedHeadersOptions
                    {
                        ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
                    };
                    // Heroku's router is not on loopback: trust the proxy that connects. ForwardLimit stays 1, so the client address is the one the router appended.
                    forwardedHeadersOptions.KnownNetworks.Clear();
                    forwardedHeadersOptions.KnownProxies.Clear();
                    app.UseForwardedHeaders(forwardedHeadersOptions);
                    app.UseHsts();
                    app.UseHttpsRedirection();
                }

                public static void Main() { }
            }
            """,
        };
        test.ExpectedDiagnostics.Add(new DiagnosticResult("HK8001", DiagnosticSeverity.Info).WithLocation(0));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("HK8001", DiagnosticSeverity.Info).WithLocation(1));
        return test.RunAsync();
    }
}
