using HerokuAnalyzers.Hosting;
using Verify = HerokuAnalyzers.Analyzers.Tests.Verification.AnalyzerVerifier<HerokuAnalyzers.Hosting.ServerBindingAnalyzer>;

namespace HerokuAnalyzers.Analyzers.Tests.Hosting;

public class LoopbackBindingTests
{
    private const string Usings = """
        using System;
        using System.Net;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Hosting;
        using Microsoft.Extensions.Hosting;

        """;

    [Theory]
    [InlineData("http://localhost:5000")]
    [InlineData("http://LOCALHOST:5000")]
    [InlineData("http://127.0.0.1:8080")]
    [InlineData("http://127.1.2.3")]
    [InlineData("http://[::1]:5000")]
    [InlineData("https://api.localhost:5001")]
    [InlineData("http://*:5000;http://localhost:5001")]
    public Task UseUrls_with_a_loopback_address_is_reported_at_the_string(string url)
        => Verify.VerifyAsync(Usings + $$"""
            var builder = WebApplication.CreateBuilder(args);
            builder.WebHost.UseUrls({|HK3002:"{{url}}"|});
            builder.Build().Run();
            """);

    [Fact]
    public Task Every_loopback_url_of_UseUrls_params_is_reported()
        => Verify.VerifyAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.WebHost.UseUrls({|HK3002:"http://localhost:5000"|}, {|HK3001:"http://*:8080"|}, {|HK3002:"http://127.0.0.1:5001"|});
            builder.Build().Run();
            """);

    [Fact]
    public Task App_Urls_Add_with_loopback_is_reported()
        => Verify.VerifyAsync(Usings + """
            var app = WebApplication.CreateBuilder(args).Build();
            app.Urls.Add({|HK3002:"http://127.0.0.1:5000"|});
            app.Run();
            """);

    [Fact]
    public Task App_Run_and_RunAsync_with_a_loopback_url_are_reported()
        => Verify.VerifyAsync(Usings + """
            var app = WebApplication.CreateBuilder(args).Build();
            if (args.Length > 0)
            {
                await app.RunAsync({|HK3002:"http://localhost:3000"|});
            }
            app.Run({|HK3002:"http://localhost:3000"|});
            """);

    [Fact]
    public Task UseSetting_urls_with_loopback_is_reported()
        => Verify.VerifyAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.WebHost.UseSetting("urls", {|HK3002:"http://[::1]:5000"|});
            builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, {|HK3002:"http://localhost:5000"|});
            builder.Build().Run();
            """);

    [Fact]
    public Task A_url_held_in_a_local_or_a_constant_is_followed()
        => Verify.VerifyAsync(Usings + """
            var url = "http://localhost:5000";
            var app = WebApplication.CreateBuilder(args).Build();
            app.Run({|HK3002:url|});

            static class Addresses
            {
                public const string Local = "http://localhost:" + "5000";
                public static void Bind(WebApplication app) => app.Urls.Add({|HK3002:Local|});
            }
            """);

    [Fact]
    public Task An_interpolated_url_with_a_loopback_host_is_reported_whatever_the_port()
        => Verify.VerifyAsync(Usings + """
            var port = Environment.GetEnvironmentVariable("PORT") ?? "5000";
            var app = WebApplication.CreateBuilder(args).Build();
            app.Run({|HK3002:$"http://localhost:{port}"|});
            """);

    [Fact]
    public Task Kestrel_ListenLocalhost_is_reported()
        => Verify.VerifyAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.WebHost.ConfigureKestrel(options => {|HK3002:options.ListenLocalhost(5000)|});
            builder.Build().Run();
            """);

    [Fact]
    public Task Kestrel_Listen_on_a_loopback_IPAddress_is_reported_at_the_address()
        => Verify.VerifyAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.WebHost.ConfigureKestrel(options =>
            {
                options.Listen({|HK3002:IPAddress.Loopback|}, 5000);
                options.Listen({|HK3002:IPAddress.IPv6Loopback|}, 5001, listen => { });
                options.Listen(new IPEndPoint({|HK3002:IPAddress.Parse("127.0.0.1")|}, 5002));
            });
            builder.Build().Run();
            """);

    [Theory]
    [InlineData("http://*")]
    [InlineData("http://+")]
    [InlineData("http://[::]")]
    [InlineData("http://myapp.example.com")]
    [InlineData("http://10.1.2.3")]
    public Task Urls_reachable_from_the_router_are_not_HK3002(string url)
        => Verify.VerifyAsync(Usings + $$"""
            var builder = WebApplication.CreateBuilder(args);
            builder.WebHost.UseUrls("{{url}}:" + Environment.GetEnvironmentVariable("PORT"));
            builder.Build().Run();
            """);

    [Fact]
    public Task Binding_all_interfaces_in_code_is_not_reported()
        => Verify.VerifyAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            var port = int.Parse(Environment.GetEnvironmentVariable("PORT") ?? "5000");
            builder.WebHost.ConfigureKestrel(options =>
            {
                options.ListenAnyIP(port);
                options.Listen(IPAddress.IPv6Any, port);
            });
            var app = builder.Build();
            app.Run();
            app.Run(null);
            """);

    [Fact]
    public Task A_local_assigned_again_is_not_guessed()
        => Verify.VerifyAsync(Usings + """
            var url = "http://localhost:5000";
            url = Environment.GetEnvironmentVariable("URL") ?? url;
            var app = WebApplication.CreateBuilder(args).Build();
            app.Run(url);
            """);

    [Fact]
    public Task A_look_alike_api_outside_AspNetCore_is_not_reported()
        => Verify.VerifyAsync("""
            var server = new Server();
            server.UseUrls("http://localhost:5000");
            server.Urls.Add("http://localhost:5000");
            server.Run("http://localhost:5000");

            class Server
            {
                public System.Collections.Generic.List<string> Urls { get; } = new();
                public Server UseUrls(params string[] urls) => this;
                public void Run(string url) { }
            }
            """);

    [Fact]
    public void Descriptor_message_names_R10_and_the_remedy()
    {
        var descriptor = new ServerBindingAnalyzer().SupportedDiagnostics.Single(d => d.Id == "HK3002");
        var message = descriptor.MessageFormat.ToString();
        Assert.Contains("R10", message);
        Assert.Contains("http://*:$PORT", message);
    }
}
