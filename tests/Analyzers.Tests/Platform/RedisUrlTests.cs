using HerokuAnalyzers.Analyzers.Tests.Verification;
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
        var test = new Verify.Test { TestCode = code };
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
    public Task Without_StackExchange_Redis_nothing_is_reported()
        => VerifyAsync("""
            var url = System.Environment.GetEnvironmentVariable("REDIS_URL");
            """, redis: false);
}
