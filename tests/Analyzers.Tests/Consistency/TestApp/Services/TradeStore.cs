using System.Data.SQLite;
using StackExchange.Redis;

namespace ConsistencyApp.Services;

/// <summary>A System.Data.SQLite store on the dyno's disk, and a REDIS_URL helper whose caller is in this file.</summary>
public sealed class TradeStore
{
    public SQLiteConnection Open() => new SQLiteConnection("Data Source=trades.sqlite;Version=3;");

    public static IConnectionMultiplexer Connect() => FromUrl(Environment.GetEnvironmentVariable("REDIS_URL")!);

    private static IConnectionMultiplexer FromUrl(string url)
    {
        var uri = new Uri(url);
        return ConnectionMultiplexer.Connect(new ConfigurationOptions { EndPoints = { { uri.Host, uri.Port } }, Ssl = true });
    }
}

/// <summary>A hand-made file logger.</summary>
public sealed class FileLogger : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        => File.AppendAllText("app.log", formatter(state, exception));
}
