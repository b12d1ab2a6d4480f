using System.Reflection;
using HerokuAnalyzers.EndToEnd.Tests.Infrastructure;

namespace HerokuAnalyzers.EndToEnd.Tests;

/// <summary>
/// The platform pitfalls (HK8xxx) through the packed package, in a consumer that references the real
/// Npgsql and StackExchange.Redis from the registry (served from this test project's package folder).
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class PlatformTests
{
    private static readonly IReadOnlyDictionary<string, string> Versions = typeof(PlatformTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .ToDictionary(a => a.Key, a => a.Value!);

    private readonly PackedPackage _package;

    public PlatformTests(PackedPackage package) => _package = package;

    [Fact]
    public void Platform_pitfalls_are_reported_and_correct_setups_are_not()
    {
        var app = _package.CreateConsumer("platform").AddWebProject().WithNet8ReferencePacks();
        var project = app.Read("App/App.csproj").Replace(
            "</ItemGroup>",
            $"""
              <PackageReference Include="Npgsql" Version="{Versions["Npgsql8Version"]}" />
                <PackageReference Include="StackExchange.Redis" Version="{Versions["StackExchangeRedisVersion"]}" />
                <PackageReference Include="System.Data.SQLite.Core" Version="{Versions["SystemDataSqliteVersion"]}" />
              </ItemGroup>
            """);
        app.Write("App/App.csproj", project);
        app.Write("App/Program.cs", """
            using Npgsql;
            using StackExchange.Redis;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHttpsRedirection(o => o.HttpsPort = 443);
            builder.Services.AddAuthentication().AddCookie();
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(60));
            builder.Services.AddHostedService<Flusher>();
            var app = builder.Build();
            app.UseHttpsRedirection();
            app.MapGet("/callback", (HttpRequest request) => $"{request.Scheme}://{request.Host}/signin");
            using var broken = new NpgsqlConnection(Environment.GetEnvironmentVariable("DATABASE_URL"));
            using var local = new NpgsqlConnection("Host=localhost;Username=app;SSL Mode=Require");
            var redis = ConnectionMultiplexer.Connect(Environment.GetEnvironmentVariable("REDIS_URL")!);
            var localRedis = ConnectionMultiplexer.Connect("localhost:6379,abortConnect=false");
            app.MapPost("/notes", async (string note) => await File.AppendAllTextAsync("notes.txt", note));
            app.MapPost("/scratch", async (string note) => await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), "note.txt"), note));
            app.Run();

            sealed class Flusher : IHostedService
            {
                public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

                public async Task StopAsync(CancellationToken cancellationToken) => await Task.Delay(TimeSpan.FromSeconds(40));
            }

            sealed class Polite : IHostedService
            {
                public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

                public async Task StopAsync(CancellationToken cancellationToken) => await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
            }
            """);

        // A REDIS_URL conversion that drops TLS next to one that keeps it and accepts Heroku's certificate.
        app.Write("App/RedisSetup.cs", """
            using StackExchange.Redis;

            static class RedisSetup
            {
                public static IConnectionMultiplexer Connect()
                {
                    var uri = new Uri(Environment.GetEnvironmentVariable("REDIS_URL")!);
                    var options = new ConfigurationOptions { EndPoints = { { uri.Host, uri.Port } }, Password = uri.UserInfo.Split(':')[1] };
                    return ConnectionMultiplexer.Connect(options);
                }

                public static IConnectionMultiplexer ConnectWithTls()
                {
                    var uri = new Uri(Environment.GetEnvironmentVariable("REDIS_URL")!);
                    var options = new ConfigurationOptions { EndPoints = { { uri.Host, uri.Port } }, Password = uri.UserInfo.Split(':')[1], Ssl = uri.Scheme == "rediss" };
                    options.CertificateValidation += (_, _, _, _) => true;
                    return ConnectionMultiplexer.Connect(options);
                }
            }
            """);

        // A hand-made file logger and a System.Data.SQLite store; scratch files and an in-memory database stay fine.
        app.Write("App/Storage.cs", """
            using System.Data.SQLite;

            sealed class FileLoggerProvider : ILoggerProvider
            {
                public ILogger CreateLogger(string categoryName) => new FileLogger();

                public void Dispose() { }
            }

            sealed class FileLogger : ILogger
            {
                public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

                public bool IsEnabled(LogLevel logLevel) => true;

                public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
                    => File.AppendAllText("logs.txt", formatter(state, exception) + Environment.NewLine);
            }

            static class Trades
            {
                public static SQLiteConnection Open() => new SQLiteConnection("Data Source=trades.sqlite;Version=3;");

                public static SQLiteConnection Scratch() => new SQLiteConnection("Data Source=:memory:");

                public static void Trace(string line) => File.AppendAllText(Path.Combine(Path.GetTempPath(), "trace.log"), line);
            }
            """);

        // A write in a helper an endpoint calls: followed back to the endpoint by the request-path search; and
        // DATABASE_URL taken apart with Split (HK8004's hand-parsing form).
        app.Write("App/Notes.cs", """
            static class NotesEndpoints
            {
                public static void Map(WebApplication app) => app.MapPost("/keep", async (string note) => await KeepAsync(note));

                static async Task KeepAsync(string note) => await File.AppendAllTextAsync("kept.txt", note);

                public static string DatabaseHost(string url) => Environment.GetEnvironmentVariable("DATABASE_URL")!.Split('@')[1];
            }
            """);

        // TLS turned off for a remote database in the settings a dyno reads; the developer's own settings stay alone.
        app.Write("App/appsettings.json", "{\n  \"ConnectionStrings\": {\n    \"Orders\": \"Host=orders-db.internal;Database=orders;SSL Mode=Disable\",\n    \"Local\": \"Host=localhost;Database=orders;SslMode=Disable\"\n  }\n}\n");
        app.Write("App/appsettings.Development.json", "{\n  \"ConnectionStrings\": {\n    \"Orders\": \"Host=dev-db.internal;sslmode=disable\"\n  }\n}\n");

        // Assembled here so that this source file does not itself hold something that looks like a credential.
        app.Write("App/appsettings.Production.json", "{\n  \"ConnectionStrings\": {\n    \"Default\": \"postgres" + "://u1a2b3c4d5e6f7:p9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3@ec2-54-1-2-3.compute-1.amazonaws.com:5432/d9e8f7\"\n  }\n}\n");

        var result = app.Build("App");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            new[]
            {
                "App/Notes.cs(5,55): warning HK8006",
                "App/Notes.cs(7,54): warning HK8004",
                "App/Program.cs(10,1): warning HK8001",
                "App/Program.cs(11,53): warning HK8001",
                "App/Program.cs(12,41): warning HK8004",
                "App/Program.cs(14,43): warning HK8005",
                "App/Program.cs(16,52): warning HK8006",
                "App/Program.cs(24,23): warning HK8003",
                "App/Program.cs(6,38): warning HK8002",
                "App/Program.cs(7,66): warning HK8003",
                "App/RedisSetup.cs(8,23): warning HK8005",
                "App/Storage.cs(17,12): warning HK8006",
                "App/Storage.cs(22,46): warning HK8006",
                "App/appsettings.Production.json(3,17): warning HK8007",
                "App/appsettings.json(3,56): warning HK8004",
            },
            result.Diagnostics);

        // Deployed as a container, the forwarded-headers switch in the image's Dockerfile ENV and a shared key
        // repository silence HK8001 and HK8002 (a Dockerfile's ENV reaches the dyno only on container deploys).
        app.Write("heroku.yml", "build:\n  docker:\n    web: Dockerfile\n");
        app.Write("Dockerfile", "FROM mcr.microsoft.com/dotnet/aspnet:10.0\nENV ASPNETCORE_FORWARDEDHEADERS_ENABLED=true\nCMD dotnet App.dll --urls http://*:$PORT\n");
        app.Write("App/KeyRing.cs", """
            using System.Xml.Linq;
            using Microsoft.AspNetCore.DataProtection.Repositories;

            sealed class DatabaseXmlRepository : IXmlRepository
            {
                public IReadOnlyCollection<XElement> GetAllElements() => Array.Empty<XElement>();

                public void StoreElement(XElement element, string friendlyName) { }
            }
            """);
        var fixedSetup = app.Build("App");
        Assert.True(fixedSetup.ExitCode == 0, fixedSetup.ToString());
        Assert.Equal(
            new[]
            {
                "App/Notes.cs(5,55): warning HK8006",
                "App/Notes.cs(7,54): warning HK8004",
                "App/Program.cs(12,41): warning HK8004",
                "App/Program.cs(14,43): warning HK8005",
                "App/Program.cs(16,52): warning HK8006",
                "App/Program.cs(24,23): warning HK8003",
                "App/Program.cs(7,66): warning HK8003",
                "App/RedisSetup.cs(8,23): warning HK8005",
                "App/Storage.cs(17,12): warning HK8006",
                "App/Storage.cs(22,46): warning HK8006",
                "App/appsettings.Production.json(3,17): warning HK8007",
                "App/appsettings.json(3,56): warning HK8004",
            },
            fixedSetup.Diagnostics);
    }

    [Fact]
    public void Dotnet_format_inserts_the_forwarded_headers_setup_and_converts_the_DATABASE_URL_split()
    {
        var app = _package.CreateConsumer("platform-format").AddWebProject().WithNet8ReferencePacks();
        app.Write("App/App.csproj", app.Read("App/App.csproj").Replace(
            "</ItemGroup>",
            $"""
              <PackageReference Include="Npgsql" Version="{Versions["Npgsql8Version"]}" />
              </ItemGroup>
            """));

        // The regular-expression split of Heroku's getting-started sample.
        app.Write("App/Database.cs", """
            using System.Text.RegularExpressions;
            using Npgsql;

            static class Database
            {
                public static NpgsqlConnection Open()
                {
                    var match = Regex.Match(Environment.GetEnvironmentVariable("DATABASE_URL") ?? "", @"postgres://(.*):(.*)@(.*):(.*)/(.*)");
                    return new NpgsqlConnection($"Server={match.Groups[3]};Port={match.Groups[4]};User Id={match.Groups[1]};Password={match.Groups[2]};Database={match.Groups[5]};sslmode=Prefer;Trust Server Certificate=true");
                }
            }
            """);
        app.Write("App/Program.cs", """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHttpsRedirection(o => o.HttpsPort = 443);
            var app = builder.Build();
            app.UseHttpsRedirection();
            app.MapGet("/", () => "ok");
            app.Run();
            """);
        Assert.Equal(new[] { "App/Database.cs(8,91): warning HK8004", "App/Program.cs(4,1): warning HK8001" }, app.Build("App").Diagnostics);

        var format = app.DotNetRaw("format", "analyzers", "App/App.csproj", "--diagnostics", "HK8001", "HK8004", "--no-restore");
        Assert.True(format.ExitCode == 0, format.Output);
        var fixedSource = app.Read("App/Program.cs");
        Assert.Contains("using Microsoft.AspNetCore.HttpOverrides;", fixedSource);
        // .NET 10 renamed KnownNetworks (now obsolete): the fix writes the name the project compiles against.
        Assert.Contains(".KnownIPNetworks.Clear();", fixedSource);
        Assert.True(fixedSource.IndexOf("app.UseForwardedHeaders(", StringComparison.Ordinal) < fixedSource.IndexOf("app.UseHttpsRedirection();", StringComparison.Ordinal));

        // The split became the Uri-based conversion and the Regex using went with it. Under dotnet format the helper
        // lands in the fixed file, not a new one: a new file would also be written into App.csproj as a Compile item.
        var database = app.Read("App/Database.cs");
        Assert.Contains("return new NpgsqlConnection(HerokuDatabaseUrl.ToNpgsqlConnectionString(Environment.GetEnvironmentVariable(\"DATABASE_URL\") ?? \"\"));", database);
        Assert.DoesNotContain("Regex", database);
        Assert.Contains("internal static class HerokuDatabaseUrl", database);
        Assert.Contains("SslMode = SslMode.Require", database);
        Assert.DoesNotContain("Compile", app.Read("App/App.csproj"));

        var rebuilt = app.Build("App");
        Assert.True(rebuilt.ExitCode == 0, rebuilt.ToString());
        Assert.Empty(rebuilt.Diagnostics);
        Assert.DoesNotContain("ASPDEPR", rebuilt.Output);
    }
}
