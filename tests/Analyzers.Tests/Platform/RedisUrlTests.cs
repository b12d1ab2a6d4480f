using HerokuAnalyzers.Analyzers.Tests.Verification;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verify = HerokuAnalyzers.Analyzers.Tests.Verification.AnalyzerVerifier<HerokuAnalyzers.Platform.RedisUrlAnalyzer>;

namespace HerokuAnalyzers.Analyzers.Tests.Platform;

/// <summary>HK8005: REDIS_URL and the real StackExchange.Redis and Redis distributed cache.</summary>
public class RedisUrlTests
{
    private const string Usings = """
        using System;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using StackExchange.Redis;

        """;

    private static Task VerifyAsync(string code, bool redis = true)
    {
        var test = new Verify.Test { TestCode = code, MarkupOptions = MarkupOptions.UseFirstDescriptor };
        if (redis)
        {
            test.TestState.AdditionalReferences.AddRange(Net8References.PlatformClients);
        }

        return test.RunAsync();
    }

    [Fact]
    public Task REDIS_URL_given_to_Connect_Parse_and_the_distributed_cache_is_reported()
        => VerifyAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            var redis = ConnectionMultiplexer.Connect({|HK8005:Environment.GetEnvironmentVariable("REDIS_URL")|}!);
            var options = ConfigurationOptions.Parse({|HK8005:builder.Configuration["REDIS_TLS_URL"] ?? "localhost:6379"|});
            builder.Services.AddStackExchangeRedisCache(o => o.Configuration = {|HK8005:builder.Configuration.GetValue<string>("REDIS_URL")|});
            """);

    [Fact]
    public Task A_converted_url_and_ordinary_configuration_strings_are_left_alone()
        => VerifyAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            var redis = ConnectionMultiplexer.Connect(FromUrl(Environment.GetEnvironmentVariable("REDIS_URL")!));
            var local = ConnectionMultiplexer.Connect("localhost:6379,abortConnect=false");
            var fromConfig = ConnectionMultiplexer.Connect(builder.Configuration["Redis:Configuration"]!);
            builder.Services.AddStackExchangeRedisCache(o => o.Configuration = builder.Configuration.GetConnectionString("Redis"));

            static ConfigurationOptions FromUrl(string url)
            {
                var uri = new Uri(url);
                var options = new ConfigurationOptions { Ssl = uri.Scheme == "rediss", Password = uri.UserInfo.Split(':')[1] };
                options.EndPoints.Add(uri.Host, uri.Port);
                options.CertificateValidation += (_, _, _, _) => true;
                return options;
            }
            """);

    [Fact]
    public Task A_url_whose_options_a_configure_callback_replaces_or_a_constant_branch_is_left_alone()
        => VerifyAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            var url = Environment.GetEnvironmentVariable("REDIS_URL") ?? "localhost:6379";
            var parsed = new ConfigurationOptions { Ssl = true };
            if (url == "localhost:6379")
            {
                builder.Services.AddSignalR().AddStackExchangeRedis(url, o => o.Configuration.ChannelPrefix = RedisChannel.Literal("app"));
            }
            else
            {
                builder.Services.AddSignalR().AddStackExchangeRedis(url, o => { o.Configuration = parsed; });
            }

            var other = url != "localhost:6379" ? "x" : ConfigurationOptions.Parse(url).ToString();
            builder.Services.AddStackExchangeRedisCache(o =>
            {
                o.Configuration = url;
                o.ConfigurationOptions = parsed;
            });
            """);

    [Fact]
    public Task A_url_in_the_other_branch_or_with_a_callback_that_only_edits_the_options_is_reported()
        => VerifyAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            var url = Environment.GetEnvironmentVariable("REDIS_URL") ?? "localhost:6379";
            if (url != "localhost:6379")
            {
                builder.Services.AddSignalR().AddStackExchangeRedis({|HK8005:url|}, o => o.Configuration.ChannelPrefix = RedisChannel.Literal("app"));
            }

            if (string.Equals(url, "localhost:6379"))
            {
                return;
            }
            else
            {
                builder.Services.AddStackExchangeRedisCache(o => o.Configuration = {|HK8005:url|});
            }
            """);

    [Fact]
    public Task A_converted_url_that_loses_TLS_or_rejects_Herokus_certificate_is_reported()
        => VerifyAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            var uri = new Uri(Environment.GetEnvironmentVariable("REDIS_URL")!);
            var password = Uri.UnescapeDataString(uri.UserInfo.Split(':')[1]);
            var sidecar = ConnectionMultiplexer.Connect("localhost:6379,abortConnect=false");
            var plain = {|HK8005:new ConfigurationOptions { EndPoints = { { uri.Host, uri.Port } }, Password = password, Ssl = false }|};
            var redis = ConnectionMultiplexer.Connect(plain);

            static class Cache
            {
                public static void Add(IServiceCollection services, IConfiguration configuration)
                {
                    if (Uri.TryCreate(configuration["REDIS_TLS_URL"], UriKind.Absolute, out var url))
                    {
                        services.AddStackExchangeRedisCache(o => o.Configuration = {|HK8005:$"{url.Host}:{url.Port},password={url.UserInfo.Split(':')[1]},ssl=true"|});
                    }
                }
            }

            static class Multiplexer
            {
                public static IConnectionMultiplexer Connect(IConfiguration configuration) => ConnectionMultiplexer.Connect(FromUrl(configuration.GetValue<string>("REDIS_URL") ?? "redis://localhost:6379"));

                private static ConfigurationOptions FromUrl(string url)
                {
                    var uri = new Uri(url);
                    var options = {|HK8005:ConfigurationOptions.Parse(uri.Host + ":" + uri.Port)|};
                    options.Password = uri.UserInfo.Split(':')[1];
                    options.Ssl = uri.Scheme == "rediss";
                    return options;
                }
            }
            """);

    [Fact]
    public Task The_messages_say_whether_TLS_is_off_or_the_certificate_is_rejected()
    {
        var test = new Verify.Test
        {
            TestCode = Usings + """
                var uri = new Uri(Environment.GetEnvironmentVariable("REDIS_URL")!);
                var off = ConnectionMultiplexer.Connect(uri.Host + ":" + uri.Port);

                static class Tls
                {
                    public static IConnectionMultiplexer Connect() => FromUrl(Environment.GetEnvironmentVariable("REDIS_URL")!);

                    static IConnectionMultiplexer FromUrl(string url)
                    {
                        var uri = new Uri(url);
                        return ConnectionMultiplexer.Connect($"{uri.Host}:{uri.Port},password={uri.UserInfo.Split(':')[1]}" + (uri.Scheme == "rediss" ? ",ssl=true" : ""));
                    }
                }
                """,
        };
        test.TestState.AdditionalReferences.AddRange(Net8References.PlatformClients);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("HK8005", DiagnosticSeverity.Warning).WithSpan(7, 41, 7, 66).WithMessage(
            "The configuration string is built from REDIS_URL but never turns TLS on: Heroku Key-Value Store gives a rediss:// URL, accepts only TLS connections and presents a self-signed certificate, so every connection fails (H10 when the app connects at boot). "
            + "Set Ssl = true when the scheme is rediss (ssl=true in a string) and add a CertificateValidation callback that accepts Heroku's certificate."));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("HK8005", DiagnosticSeverity.Warning).WithSpan(16, 46, 16, 154).WithMessage(
            "The configuration string is built from REDIS_URL but does not accept Heroku's self-signed certificate: Heroku Key-Value Store gives a rediss:// URL, accepts only TLS connections and presents a self-signed certificate, so every connection fails (H10 when the app connects at boot). "
            + "Build ConfigurationOptions and add a CertificateValidation callback that accepts Heroku's certificate (a configuration string cannot carry one)."));
        return test.RunAsync();
    }

    [Fact]
    public Task A_conversion_that_turns_TLS_on_and_accepts_the_certificate_or_is_not_Herokus_url_is_left_alone()
        => VerifyAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            var uri = new Uri(builder.Configuration["REDIS_URL"]!);
            var options = ConfigurationOptions.Parse($"{uri.Host}:{uri.Port},ssl=true,abortConnect=false");
            options.Password = uri.UserInfo.Split(':')[1];
            options.CertificateValidation += (_, _, _, _) => true;
            var redis = ConnectionMultiplexer.Connect(options);

            var local = new Uri("redis://localhost:6379");
            var localRedis = ConnectionMultiplexer.Connect(local.Host + ":" + local.Port);

            static class Other
            {
                public static string Host(IConfiguration configuration) => new Uri(configuration["REDIS_URL"]!).Host;

                public static IConnectionMultiplexer Sidecar(IConfiguration configuration)
                {
                    var uri = new Uri(configuration["SIDECAR_URL"]!);
                    return ConnectionMultiplexer.Connect(new ConfigurationOptions { EndPoints = { { uri.Host, uri.Port } } });
                }

                public static IConnectionMultiplexer Helper(string url)
                {
                    var uri = new Uri(url);
                    return ConnectionMultiplexer.Connect($"{uri.Host}:{uri.Port}");
                }

                public static IConnectionMultiplexer Trusted()
                {
                    var uri = new Uri(Environment.GetEnvironmentVariable("REDIS_TLS_URL")!);
                    var options = new ConfigurationOptions { EndPoints = { { uri.Host, uri.Port } }, Ssl = true };
                    options.TrustIssuer("heroku-ca.pem");
                    return ConnectionMultiplexer.Connect(options);
                }

                public static IConnectionMultiplexer Unused() => Helper("localhost:6379");

                public static IConnectionMultiplexer Delegated()
                {
                    var uri = new Uri(Environment.GetEnvironmentVariable("REDIS_URL")!);
                    var options = new ConfigurationOptions { EndPoints = { { uri.Host, uri.Port } } };
                    ConfigureTls(options, uri);
                    return ConnectionMultiplexer.Connect(options);
                }

                private static void ConfigureTls(ConfigurationOptions options, Uri uri)
                {
                    options.Ssl = uri.Scheme == "rediss";
                    options.CertificateValidation += (_, _, _, _) => true;
                }

                public static IConnectionMultiplexer Logged(IConfiguration configuration)
                {
                    var uri = new Uri(configuration["REDIS_URL"]!);
                    Console.WriteLine($"Redis at {uri.Host}");
                    return ConnectionMultiplexer.Connect("localhost:6379");
                }
            }
            """);

    [Fact]
    public Task Without_StackExchange_Redis_nothing_is_reported()
        => VerifyAsync("""
            var url = System.Environment.GetEnvironmentVariable("REDIS_URL");
            """, redis: false);
}
