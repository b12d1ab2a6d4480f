using Verify = HerokuAnalyzers.Analyzers.Tests.Verification.CodeFixVerifier<
    HerokuAnalyzers.Hosting.ServerBindingAnalyzer,
    HerokuAnalyzers.CodeFixes.Hosting.BindAllInterfacesCodeFixProvider>;

namespace HerokuAnalyzers.Analyzers.Tests.Hosting;

public class BindAllInterfacesCodeFixTests
{
    private const string Usings = """
        using System;
        using System.Net;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Hosting;

        """;

    [Fact]
    public Task A_literal_url_becomes_all_interfaces_on_PORT_with_the_old_port_as_fallback()
        => Verify.VerifyAsync(
            Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.WebHost.UseUrls({|HK3002:"http://localhost:5000"|});
            builder.Build().Run();
            """,
            Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.WebHost.UseUrls($"http://*:{Environment.GetEnvironmentVariable("PORT") ?? "5000"}");
            builder.Build().Run();
            """);

    [Fact]
    public Task Without_using_System_the_fix_qualifies_Environment()
        => Verify.VerifyAsync(
            """
            var app = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(args).Build();
            app.Run({|HK3002:"http://127.0.0.1"|});
            """,
            """
            var app = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(args).Build();
            app.Run($"http://*:{System.Environment.GetEnvironmentVariable("PORT") ?? "80"}");
            """);

    [Fact]
    public Task An_interpolated_url_keeps_its_port_and_loses_the_loopback_host()
        => Verify.VerifyAsync(
            Usings + """
            var port = Environment.GetEnvironmentVariable("PORT") ?? "5000";
            var app = WebApplication.CreateBuilder(args).Build();
            app.Urls.Add({|HK3002:$"http://localhost:{port}"|});
            app.Run();
            """,
            Usings + """
            var port = Environment.GetEnvironmentVariable("PORT") ?? "5000";
            var app = WebApplication.CreateBuilder(args).Build();
            app.Urls.Add($"http://*:{port}");
            app.Run();
            """);

    [Fact]
    public Task ListenLocalhost_becomes_ListenAnyIP_on_PORT()
        => Verify.VerifyAsync(
            Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.WebHost.ConfigureKestrel(options => {|HK3002:options.ListenLocalhost(5000, listen => { })|});
            builder.Build().Run();
            """,
            Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.WebHost.ConfigureKestrel(options => options.ListenAnyIP(int.Parse(Environment.GetEnvironmentVariable("PORT") ?? "5000"), listen => { }));
            builder.Build().Run();
            """);

    [Fact]
    public Task Listen_on_loopback_becomes_the_dual_stack_any_address_on_PORT()
        => Verify.VerifyAsync(
            Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.WebHost.ConfigureKestrel(options =>
            {
                options.Listen({|HK3002:IPAddress.Loopback|}, 5000);
                options.Listen(new IPEndPoint({|HK3002:IPAddress.IPv6Loopback|}, 5001));
            });
            builder.Build().Run();
            """,
            Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.WebHost.ConfigureKestrel(options =>
            {
                options.Listen(IPAddress.IPv6Any, int.Parse(Environment.GetEnvironmentVariable("PORT") ?? "5000"));
                options.Listen(new IPEndPoint(IPAddress.IPv6Any, int.Parse(Environment.GetEnvironmentVariable("PORT") ?? "5001")));
            });
            builder.Build().Run();
            """);
}
