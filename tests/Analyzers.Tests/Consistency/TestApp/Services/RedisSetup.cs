using StackExchange.Redis;

namespace ConsistencyApp.Services;

/// <summary>Heroku Key-Value Store's REDIS_URL handed unparsed to StackExchange.Redis.</summary>
public static class RedisSetup
{
    public static IConnectionMultiplexer Connect()
        => ConnectionMultiplexer.Connect(Environment.GetEnvironmentVariable("REDIS_URL") ?? "localhost:6379");
}
