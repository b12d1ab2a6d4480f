using HerokuAnalyzers.Hosting;
using Verify = HerokuAnalyzers.Analyzers.Tests.Verification.AnalyzerVerifier<HerokuAnalyzers.Hosting.ServerBindingAnalyzer>;

namespace HerokuAnalyzers.Analyzers.Tests.Hosting;

/// <summary>HK3001 (a port fixed in code) and HK3005 (0.0.0.0, IPv4 only) at every binding API.</summary>
public class FixedPortTests
{
    private const string Usings = """
        using System;
        using System.Net;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Hosting;
        using Microsoft.Extensions.Configuration;

        """;

    [Theory]
    [InlineData("http://*:5000")]
    [InlineData("http://+:80")]
    [InlineData("https://[::]:443")]
    [InlineData("http://myapp.example.com:8080")]
    [InlineData("http://*")]
    public Task UseUrls_with_a_fixed_port_is_reported_at_the_string(string url)
        => Verify.VerifyAsync(Usings + $$"""
            var builder = WebApplication.CreateBuilder(args);
            builder.WebHost.UseUrls({|HK3001:"{{url}}"|});
            builder.Build().Run();
            """);

    [Fact]
    public Task Every_binding_api_with_a_fixed_url_is_reported()
        => Verify.VerifyAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.WebHost.UseSetting("urls", {|HK3001:"http://*:5000"|});
            var app = builder.Build();
            app.Urls.Add({|HK3001:"http://*:5001"|});
            if (args.Length > 0)
            {
                await app.RunAsync({|HK3001:"http://*:5002"|});
            }
            app.Run({|HK3001:"http://*:5003"|});
            """);

    [Fact]
    public Task The_message_names_the_api_and_the_port()
        => Verify.VerifyAsync(
            Usings + """
            var app = WebApplication.CreateBuilder(args).Build();
            app.Run({|#0:"http://*:5000"|});
            """,
            Verify.Diagnostic("HK3001").WithLocation(0).WithArguments("app.Run(url)", "5000"));

    [Fact]
    public Task Constants_locals_and_interpolation_are_followed()
        => Verify.VerifyAsync(Usings + """
            const int Port = 5000;
            var host = "*";
            var url = $"http://{host}:{Port}";
            var app = WebApplication.CreateBuilder(args).Build();
            app.Urls.Add({|HK3001:url|});
            app.Urls.Add({|HK3001:"http://*:" + 5001|});
            app.Run();
            """);

    [Fact]
    public Task Kestrel_Listen_with_a_constant_port_is_reported_at_the_port()
        => Verify.VerifyAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            var fixedPort = 5002;
            builder.WebHost.ConfigureKestrel(options =>
            {
                options.ListenAnyIP({|HK3001:5000|});
                options.Listen(IPAddress.IPv6Any, {|HK3001:5001|}, listen => { });
                options.Listen(new IPEndPoint(IPAddress.IPv6Any, {|HK3001:fixedPort|}));
            });
            builder.Build().Run();
            """);

    [Fact]
    public Task Ports_read_from_PORT_are_not_reported()
        => Verify.VerifyAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            var port = Environment.GetEnvironmentVariable("PORT");
            var fromConfig = builder.Configuration["PORT"] ?? "5000";
            builder.WebHost.UseUrls($"http://*:{port}", "http://*:" + fromConfig);
            builder.WebHost.UseSetting("urls", $"http://*:{Environment.GetEnvironmentVariable("PORT") ?? "5000"}");
            builder.WebHost.ConfigureKestrel(options =>
            {
                options.ListenAnyIP(int.Parse(Environment.GetEnvironmentVariable("PORT") ?? "5000"));
                options.ListenAnyIP(int.Parse(builder.Configuration["PORT"]!));
                options.ListenAnyIP(builder.Configuration.GetValue<int>("PORT", 5000));
            });
            var app = builder.Build();
            app.Urls.Add($"http://*:{app.Configuration["PORT"]}");
            app.Run();
            """);

    [Fact]
    public Task A_port_not_known_at_compile_time_is_not_guessed()
        => Verify.VerifyAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            var settings = new Settings();
            builder.WebHost.UseUrls(Environment.GetEnvironmentVariable("APP_URLS")!);
            builder.WebHost.ConfigureKestrel(options => options.ListenAnyIP(settings.Port));
            builder.Build().Run();

            class Settings
            {
                public int Port { get; set; } = 5000;
            }
            """);

    [Fact]
    public Task No_binding_in_code_is_not_reported()
        => Verify.VerifyAsync(Usings + """
            var app = WebApplication.CreateBuilder(args).Build();
            app.MapGet("/", () => "ok");
            app.Run();
            """);

    [Fact]
    public Task A_loopback_address_is_HK3002_only()
        => Verify.VerifyAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.WebHost.UseUrls({|HK3002:"http://localhost:5000"|});
            builder.WebHost.ConfigureKestrel(options =>
            {
                {|HK3002:options.ListenLocalhost(5001)|};
                options.Listen({|HK3002:IPAddress.Loopback|}, 5002);
            });
            builder.Build().Run();
            """);

    [Fact]
    public Task Zero_address_with_PORT_is_HK3005()
        => Verify.VerifyAsync(
            Usings + """
            var app = WebApplication.CreateBuilder(args).Build();
            app.Urls.Add({|#0:$"http://0.0.0.0:{Environment.GetEnvironmentVariable("PORT")}"|});
            app.Run();
            """,
            Verify.Diagnostic("HK3005").WithLocation(0).WithArguments("app.Urls.Add", "0.0.0.0"));

    [Fact]
    public Task Zero_address_with_a_fixed_port_is_HK3001_whose_fix_covers_both()
        => Verify.VerifyAsync(Usings + """
            var app = WebApplication.CreateBuilder(args).Build();
            app.Urls.Add({|HK3001:"http://0.0.0.0:5000"|});
            app.Run();
            """);

    [Fact]
    public Task IPAddress_Any_is_HK3005_at_the_address_and_a_constant_port_HK3001()
        => Verify.VerifyAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            var port = int.Parse(Environment.GetEnvironmentVariable("PORT") ?? "5000");
            builder.WebHost.ConfigureKestrel(options =>
            {
                options.Listen({|HK3005:IPAddress.Any|}, port);
                options.Listen({|HK3005:IPAddress.Parse("0.0.0.0")|}, {|HK3001:5001|});
            });
            builder.Build().Run();
            """);

    [Fact]
    public void Messages_name_the_heroku_error_and_the_remedy()
    {
        var descriptors = new ServerBindingAnalyzer().SupportedDiagnostics;
        Assert.All(descriptors, d => Assert.Contains("R10", d.MessageFormat.ToString()));
        Assert.All(descriptors, d => Assert.Contains("http://*:$PORT", d.MessageFormat.ToString()));
    }
}
