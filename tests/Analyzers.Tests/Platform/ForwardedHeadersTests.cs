using HerokuAnalyzers.Analyzers.Tests.Verification;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verify = HerokuAnalyzers.Analyzers.Tests.Verification.AnalyzerVerifier<HerokuAnalyzers.Platform.ForwardedHeadersAnalyzer>;

namespace HerokuAnalyzers.Analyzers.Tests.Platform;

/// <summary>HK8001: scheme and client address behind Heroku's router without forwarded headers.</summary>
public class ForwardedHeadersTests
{
    private const string Usings = """
        using System;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.HttpOverrides;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        """;

    private static DiagnosticResult Suggestion(int markup) => new DiagnosticResult("HK8001", DiagnosticSeverity.Info).WithLocation(markup);

    private static Task VerifyWithFileAsync(string code, string path, string kind, string content, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = code };
        TestSetup.AddHerokuFile(test.TestState, path, kind, content);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task UseHttpsRedirection_with_a_known_HTTPS_port_and_no_forwarded_headers_is_a_redirect_loop_warning()
        => Verify.VerifyAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHttpsRedirection(o => o.HttpsPort = 443);
            var app = builder.Build();
            {|HK8001:app.UseHttpsRedirection()|};
            app.Run();
            """);

    [Theory]
    [InlineData("web: cd Api/bin/publish; ASPNETCORE_HTTPS_PORT=443 ./Api --urls http://*:$PORT", "/repo/Procfile", "Procfile")]
    [InlineData("{ \"env\": { \"ASPNETCORE_HTTPS_PORTS\": \"443\" } }", "/repo/app.json", "AppJson")]
    public Task An_HTTPS_port_set_in_a_Heroku_file_makes_UseHttpsRedirection_a_warning(string content, string path, string kind)
        => VerifyWithFileAsync(
            Usings + """
            var app = WebApplication.CreateBuilder(args).Build();
            {|HK8001:app.UseHttpsRedirection()|};
            app.Run();
            """,
            path,
            kind,
            content);

    [Fact]
    public Task UseHttpsRedirection_without_a_port_is_only_a_suggestion_and_so_is_UseHsts()
        => Verify.VerifyAsync(
            Usings + """
            var app = WebApplication.CreateBuilder(args).Build();
            if (!app.Environment.IsDevelopment())
            {
                {|#0:app.UseHsts()|};
            }
            {|#1:app.UseHttpsRedirection()|};
            app.Run();
            """,
            Suggestion(0),
            Suggestion(1));

    [Fact]
    public Task Configured_forwarded_headers_before_the_redirection_get_nothing()
        => Verify.VerifyAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.Configure<ForwardedHeadersOptions>(options =>
            {
                options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                if (Environment.GetEnvironmentVariable("DYNO") != null)
                {
                    options.KnownNetworks.Clear();
                    options.KnownProxies.Clear();
                }
            });
            builder.Services.AddHttpsRedirection(o => o.HttpsPort = 443);
            var app = builder.Build();
            app.UseForwardedHeaders();
            app.UseHsts();
            app.UseHttpsRedirection();
            app.MapGet("/", (HttpRequest request) => $"{request.Scheme}://{request.Host}/callback");
            app.Run();
            """);

    [Fact]
    public Task Explicit_options_with_the_lists_cleared_get_nothing()
        => Verify.VerifyAsync(Usings + """
            var app = WebApplication.CreateBuilder(args).Build();
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.All };
            forwarded.KnownNetworks.Clear();
            forwarded.KnownProxies.Clear();
            app.UseForwardedHeaders(forwarded);
            app.UseHttpsRedirection();
            app.Run();
            """);

    [Theory]
    [InlineData("web: cd Api/bin/publish; ASPNETCORE_FORWARDEDHEADERS_ENABLED=true ./Api --urls http://*:$PORT", "/repo/Procfile", "Procfile")]
    [InlineData("{ \"env\": { \"ASPNETCORE_FORWARDEDHEADERS_ENABLED\": \"true\" } }", "/repo/app.json", "AppJson")]
    [InlineData("{ \"env\": { \"ASPNETCORE_FORWARDEDHEADERS_ENABLED\": { \"value\": \"true\" } } }", "/repo/app.json", "AppJson")]
    [InlineData("FROM mcr.microsoft.com/dotnet/aspnet:8.0\nENV ASPNETCORE_FORWARDEDHEADERS_ENABLED=true\n", "/repo/Dockerfile", "Dockerfile")]
    [InlineData("FROM mcr.microsoft.com/dotnet/aspnet:8.0\nENV ASPNETCORE_FORWARDEDHEADERS_ENABLED true\n", "/repo/Dockerfile", "Dockerfile")]
    [InlineData("setup:\n  config:\n    ASPNETCORE_FORWARDEDHEADERS_ENABLED: true\n", "/repo/heroku.yml", "HerokuYml")]
    public Task The_forwarded_headers_switch_in_a_Heroku_file_silences_every_case(string content, string path, string kind)
        => VerifyWithFileAsync(
            Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHttpsRedirection(o => o.HttpsPort = 443);
            var app = builder.Build();
            app.UseHttpsRedirection();
            app.MapGet("/", (HttpContext context) => context.Request.Scheme + "://" + context.Request.Host + " " + context.Connection.RemoteIpAddress);
            app.Run();
            """,
            path,
            kind,
            content);

    [Fact]
    public Task The_switch_set_to_false_does_not_count()
        => VerifyWithFileAsync(
            Usings + """
            var app = WebApplication.CreateBuilder(args).Build();
            {|#0:app.UseHttpsRedirection()|};
            app.Run();
            """,
            "/repo/app.json",
            "AppJson",
            "{ \"env\": { \"ASPNETCORE_FORWARDEDHEADERS_ENABLED\": \"false\" } }",
            Suggestion(0));

    [Fact]
    public Task UseForwardedHeaders_after_UseHttpsRedirection_is_reported_at_the_late_call()
        => Verify.VerifyAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.Configure<ForwardedHeadersOptions>(o =>
            {
                o.ForwardedHeaders = ForwardedHeaders.XForwardedProto;
                o.KnownNetworks.Clear();
                o.KnownProxies.Clear();
            });
            var app = builder.Build();
            app.UseHttpsRedirection();
            {|HK8001:app.UseForwardedHeaders()|};
            app.Run();
            """);

    private const string PipelineHelpers = """
        static class Pipeline
        {
            public static void UseErrorPages(this WebApplication app)
            {
                if (!app.Environment.IsDevelopment())
                {
                    app.UseExceptionHandler("/Error");
                    app.UseHsts();
                    app.UseHttpsRedirection();
                }
            }

            public static void UseForwarding(this WebApplication app)
            {
                var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
                options.KnownNetworks.Clear();
                options.KnownProxies.Clear();
                {|#0:app.UseForwardedHeaders(options)|};
            }

            public static void UseFiles(this WebApplication app) => app.UseStaticFiles();
        }
        """;

    [Fact]
    public Task UseForwardedHeaders_in_a_helper_called_after_a_helper_that_adds_HSTS_is_reported_with_both_calls()
        => Verify.VerifyAsync(
            Usings + """
            var app = WebApplication.CreateBuilder(args).Build();
            app.UseErrorPages();
            app.UseForwarding();
            app.Run();

            """ + PipelineHelpers,
            new DiagnosticResult("HK8001", DiagnosticSeverity.Warning).WithLocation(0).WithArguments(
                "UseForwardedHeaders, reached through UseForwarding (Test0.cs line 9), runs after UseErrorPages (Test0.cs line 8), which calls UseHsts",
                "UseHsts still sees every request as http from the router's address",
                "Call UseForwardedHeaders first, before every other middleware"));

    [Fact]
    public Task Scheme_middleware_written_before_the_helper_or_a_helper_before_the_call_is_reported()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(("/src/Program.cs", Usings + """
            var app = WebApplication.CreateBuilder(args).Build();
            app.UseHttpsRedirection();
            app.UseForwarding();
            app.Run();
            """));
        test.TestState.Sources.Add(("/src/Pipeline.cs", Usings + PipelineHelpers));
        test.TestState.Sources.Add(("/src/Other.cs", Usings + """
            static class Other
            {
                public static void Configure(WebApplication app)
                {
                    app.UseErrorPages();
                    {|#1:app.UseForwardedHeaders()|};
                }
            }
            """));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("HK8001", DiagnosticSeverity.Warning).WithLocation(0));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("HK8001", DiagnosticSeverity.Warning).WithLocation(1));
        return test.RunAsync();
    }

    [Fact]
    public Task Helpers_called_in_the_right_order_or_that_do_not_read_the_scheme_get_nothing()
        => Verify.VerifyAsync(Usings + """
            var app = WebApplication.CreateBuilder(args).Build();
            app.UseFiles();
            app.UseForwarding();
            app.UseErrorPages();
            app.Run();

            """ + PipelineHelpers.Replace("{|#0:", "").Replace(")|};", ");"));

    [Fact]
    public Task Options_that_keep_the_loopback_lists_are_reported()
        => Verify.VerifyAsync(Usings + """
            var app = WebApplication.CreateBuilder(args).Build();
            {|HK8001:app.UseForwardedHeaders(new ForwardedHeadersOptions
            {
                ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            })|};
            app.UseHttpsRedirection();
            app.Run();
            """);

    [Fact]
    public Task UseForwardedHeaders_without_any_options_forwards_nothing()
        => Verify.VerifyAsync(Usings + """
            var app = WebApplication.CreateBuilder(args).Build();
            {|HK8001:app.UseForwardedHeaders()|};
            app.Run();
            """);

    [Fact]
    public Task Options_that_forward_only_the_client_address_are_reported()
        => Verify.VerifyAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.Configure<ForwardedHeadersOptions>(o =>
            {
                o.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
                o.KnownNetworks.Clear();
                o.KnownProxies.Clear();
            });
            var app = builder.Build();
            {|HK8001:app.UseForwardedHeaders()|};
            app.Run();
            """);

    [Fact]
    public Task Options_bound_from_configuration_are_trusted()
        => Verify.VerifyAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.Configure<ForwardedHeadersOptions>(builder.Configuration.GetSection("ForwardedHeaders"));
            var app = builder.Build();
            app.UseForwardedHeaders();
            app.UseHttpsRedirection();
            app.Run();
            """);

    [Fact]
    public Task Scheme_used_to_build_a_url_and_IsHttps_are_warnings_RemoteIpAddress_a_suggestion()
        => Verify.VerifyAsync(
            Usings + """
            var app = WebApplication.CreateBuilder(args).Build();
            app.MapGet("/login", (HttpContext context) =>
            {
                var callback = $"{{|HK8001:context.Request.Scheme|}}://{context.Request.Host}/signin-oidc";
                var secure = {|HK8001:context.Request.IsHttps|} ? "yes" : "no";
                var client = {|#0:context.Connection.RemoteIpAddress|}?.ToString();
                var isHttp = context.Request.Scheme == "http";
                return callback + secure + client + isHttp;
            });
            app.Run();
            """,
            Suggestion(0));

    [Fact]
    public Task Code_that_sets_the_scheme_from_X_Forwarded_Proto_itself_gets_nothing()
        => Verify.VerifyAsync(Usings + """
            var app = WebApplication.CreateBuilder(args).Build();
            app.Use(async (context, next) =>
            {
                if (context.Request.Headers["X-Forwarded-Proto"] == "https")
                {
                    context.Request.Scheme = "https";
                }

                await next();
            });
            app.UseHttpsRedirection();
            app.MapGet("/", (HttpRequest request) => $"{request.Scheme}://{request.Host}");
            app.Run();
            """);

    [Fact]
    public Task The_setup_in_another_file_is_seen_from_the_file_being_edited()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(("/src/Program.cs", Usings + """
            var builder = WebApplication.CreateBuilder(args);
            Startup.ConfigureForwarding(builder.Services);
            var app = builder.Build();
            Startup.UsePipeline(app);
            app.MapGet("/", (HttpRequest request) => $"{request.Scheme}://{request.Host}");
            app.Run();
            """));
        test.TestState.Sources.Add(("/src/Startup.cs", Usings + """
            static class Startup
            {
                public static void ConfigureForwarding(IServiceCollection services) => services.Configure<ForwardedHeadersOptions>(o =>
                {
                    o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                    o.KnownNetworks.Clear();
                    o.KnownProxies.Clear();
                });

                public static void UsePipeline(WebApplication app)
                {
                    app.UseForwardedHeaders();
                    app.UseHttpsRedirection();
                }
            }
            """));
        return test.RunAsync();
    }
}
