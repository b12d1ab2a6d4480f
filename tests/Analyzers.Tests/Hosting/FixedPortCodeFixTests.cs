using Verify = HerokuAnalyzers.Analyzers.Tests.Verification.CodeFixVerifier<
    HerokuAnalyzers.Hosting.ServerBindingAnalyzer,
    HerokuAnalyzers.CodeFixes.Hosting.BindAllInterfacesCodeFixProvider>;

namespace HerokuAnalyzers.Analyzers.Tests.Hosting;

public class FixedPortCodeFixTests
{
    private const string Usings = """
        using System;
        using System.Net;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Hosting;

        """;

    [Fact]
    public Task A_fixed_url_becomes_all_interfaces_on_PORT_with_the_old_port_as_fallback()
        => Verify.VerifyAsync(
            Usings + """
            var app = WebApplication.CreateBuilder(args).Build();
            app.Urls.Add({|HK3001:"http://0.0.0.0:8080"|});
            app.Run({|HK3001:"http://*"|});
            """,
            Usings + """
            var app = WebApplication.CreateBuilder(args).Build();
            app.Urls.Add($"http://*:{Environment.GetEnvironmentVariable("PORT") ?? "8080"}");
            app.Run($"http://*:{Environment.GetEnvironmentVariable("PORT") ?? "80"}");
            """);

    [Fact]
    public Task A_constant_Listen_port_reads_PORT_with_the_old_port_as_fallback()
        => Verify.VerifyAsync(
            Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.WebHost.ConfigureKestrel(options =>
            {
                options.ListenAnyIP({|HK3001:5000|});
                options.Listen(new IPEndPoint(IPAddress.IPv6Any, {|HK3001:5001|}));
            });
            builder.Build().Run();
            """,
            Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.WebHost.ConfigureKestrel(options =>
            {
                options.ListenAnyIP(int.Parse(Environment.GetEnvironmentVariable("PORT") ?? "5000"));
                options.Listen(new IPEndPoint(IPAddress.IPv6Any, int.Parse(Environment.GetEnvironmentVariable("PORT") ?? "5001")));
            });
            builder.Build().Run();
            """);

    [Fact]
    public Task IPAddress_Any_becomes_IPv6Any_and_its_constant_port_reads_PORT()
        => Verify.VerifyAsync(
            Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.WebHost.ConfigureKestrel(options => options.Listen({|HK3005:IPAddress.Any|}, {|HK3001:5000|}));
            builder.Build().Run();
            """,
            Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.WebHost.ConfigureKestrel(options => options.Listen(IPAddress.IPv6Any, int.Parse(Environment.GetEnvironmentVariable("PORT") ?? "5000")));
            builder.Build().Run();
            """);

    [Fact]
    public Task An_interpolated_zero_address_gets_the_wildcard_host()
        => Verify.VerifyAsync(
            Usings + """
            var port = Environment.GetEnvironmentVariable("PORT") ?? "5000";
            var app = WebApplication.CreateBuilder(args).Build();
            app.Run({|HK3005:$"http://0.0.0.0:{port}"|});
            """,
            Usings + """
            var port = Environment.GetEnvironmentVariable("PORT") ?? "5000";
            var app = WebApplication.CreateBuilder(args).Build();
            app.Run($"http://*:{port}");
            """);

    [Fact]
    public Task A_fixed_port_in_a_local_is_reported_but_not_rewritten()
        => Verify.VerifyAsync(
            Usings + """
            var url = "http://*:5000";
            var app = WebApplication.CreateBuilder(args).Build();
            app.Run({|HK3001:url|});
            """,
            Usings + """
            var url = "http://*:5000";
            var app = WebApplication.CreateBuilder(args).Build();
            app.Run({|HK3001:url|});
            """);
}
