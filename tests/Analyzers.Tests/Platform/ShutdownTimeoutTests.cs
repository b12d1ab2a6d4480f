using Microsoft.CodeAnalysis.Testing;
using Verify = HerokuAnalyzers.Analyzers.Tests.Verification.AnalyzerVerifier<HerokuAnalyzers.Platform.ShutdownTimeoutAnalyzer>;
using VerifyFix = HerokuAnalyzers.Analyzers.Tests.Verification.CodeFixVerifier<
    HerokuAnalyzers.Platform.ShutdownTimeoutAnalyzer,
    HerokuAnalyzers.CodeFixes.Platform.ShortenShutdownTimeoutCodeFixProvider>;

namespace HerokuAnalyzers.Analyzers.Tests.Platform;

/// <summary>HK8003: shutdown that races Heroku's SIGKILL 30 s after SIGTERM.</summary>
public class ShutdownTimeoutTests
{
    private const string Usings = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Hosting;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        """;

    private static Task VerifyAsync(string code) => new Verify.Test { TestCode = code, MarkupOptions = MarkupOptions.UseFirstDescriptor }.RunAsync();

    [Fact]
    public Task Timeouts_of_30_seconds_or_more_are_reported_at_the_value()
        => VerifyAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = {|HK8003:TimeSpan.FromSeconds(30)|});
            builder.Host.ConfigureHostOptions(o => o.ShutdownTimeout = {|HK8003:TimeSpan.FromMinutes(2)|});
            var long_ = new TimeSpan(0, 1, 0);
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = {|HK8003:long_|});
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = {|HK8003:Timeout.InfiniteTimeSpan|});
            builder.WebHost.UseShutdownTimeout({|HK8003:TimeSpan.FromSeconds(45)|});
            builder.WebHost.UseSetting("shutdownTimeoutSeconds", {|HK8003:"60"|});
            """);

    [Fact]
    public Task Timeouts_below_30_seconds_and_unknown_values_are_left_alone()
        => VerifyAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(25));
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMilliseconds(29_000));
            var seconds = int.Parse(Environment.GetEnvironmentVariable("SHUTDOWN") ?? "20");
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(seconds));
            builder.WebHost.UseSetting("shutdownTimeoutSeconds", "10");
            """);

    [Fact]
    public Task StopAsync_that_awaits_without_its_token_is_reported_at_the_method()
        => VerifyAsync(Usings + """
            class Flusher : IHostedService
            {
                public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

                public async Task {|HK8003:StopAsync|}(CancellationToken cancellationToken)
                {
                    await Task.Delay(TimeSpan.FromSeconds(40));
                }
            }

            class Polite : IHostedService
            {
                public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

                public async Task StopAsync(CancellationToken cancellationToken)
                {
                    await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
                }
            }

            class Trivial : IHostedService
            {
                public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

                public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            }

            class Worker : BackgroundService
            {
                protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;

                public override async Task StopAsync(CancellationToken cancellationToken)
                {
                    await base.StopAsync(cancellationToken);
                }
            }

            class Program { static void Main() { } }
            """);

    [Fact]
    public Task The_fix_writes_25_seconds()
    {
        var test = new VerifyFix.Test
        {
            MarkupOptions = MarkupOptions.UseFirstDescriptor,
            TestCode = Usings + """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = {|HK8003:TimeSpan.FromSeconds(60)|});
                """,
            FixedCode = Usings + """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(25));
                """,
        };
        return test.RunAsync();
    }
}
