using HerokuAnalyzers.Analyzers.Tests.Verification;
using Verify = HerokuAnalyzers.Analyzers.Tests.Verification.AnalyzerVerifier<HerokuAnalyzers.Platform.EphemeralFilesystemAnalyzer>;

namespace HerokuAnalyzers.Analyzers.Tests.Platform;

/// <summary>HK8006: uploads, app data and SQLite databases on the dyno's ephemeral disk.</summary>
public class EphemeralFilesystemTests
{
    private const string Usings = """
        using System;
        using System.IO;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.EntityFrameworkCore;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        """;

    private const string Types = """

        class AppDb : DbContext
        {
            public AppDb(DbContextOptions<AppDb> options) : base(options) { }
        }

        public class UploadsController : Controller
        {
            public async Task<IActionResult> Upload(IFormFile file)
            {
                using var target = new FileStream(Path.Combine("wwwroot", "uploads", file.FileName), FileMode.Create);
                await {|HK8006:file.CopyToAsync(target)|};
                return Ok();
            }

            public async Task<IActionResult> Scratch(IFormFile file)
            {
                var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString());
                using (var stream = System.IO.File.Create(path))
                {
                    await file.CopyToAsync(stream);
                }

                return Ok(System.IO.File.ReadAllText(path));
            }

            public IActionResult Note(string text)
            {
                {|HK8006:System.IO.File.AppendAllText("notes.txt", text)|};
                return Ok();
            }
        }

        static class Startup
        {
            public static void WriteVersion() => File.WriteAllText("version.txt", "1");
        }
        """;

    [Fact]
    public Task A_Serilog_file_sink_is_reported_unless_it_writes_to_the_temp_folder()
        => VerifyAsync(Usings + """
            using Serilog;

            var logger = new LoggerConfiguration()
                .MinimumLevel.Information()
                .WriteTo.{|HK8006:File("logs/app-.log", rollingInterval: RollingInterval.Day)|}
                .CreateLogger();
            var scratch = new LoggerConfiguration().WriteTo.File(Path.Combine(Path.GetTempPath(), "debug.log")).CreateLogger();
            """ + Types);

    private static Task VerifyAsync(string code, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = code };
        test.TestState.AdditionalReferences.AddRange(Net8References.EfCore);
        test.TestState.AdditionalReferences.AddRange(Net8References.PlatformClients);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task Uploads_handler_writes_and_a_SQLite_store_are_reported_scratch_and_startup_files_are_not()
        => VerifyAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            var databaseUrl = Environment.GetEnvironmentVariable("DATABASE_URL");
            if (databaseUrl == null)
            {
                builder.Services.AddDbContext<AppDb>(o => {|HK8006:o.UseSqlite("Data Source=app.db")|});
            }

            if (builder.Environment.IsDevelopment())
            {
                builder.Services.AddDbContext<AppDb>(o => o.UseSqlite("Data Source=dev.db"));
            }

            using var cache = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
            using var store = {|HK8006:new Microsoft.Data.Sqlite.SqliteConnection("Data Source=/app/data/shop.db")|};
            var app = builder.Build();
            Startup.WriteVersion();
            app.MapPost("/log", (string line) =>
            {
                {|HK8006:File.AppendAllText("log.txt", line)|};
                File.WriteAllText(Path.Combine(Path.GetTempPath(), "last.txt"), line);
                using var writer = {|HK8006:new StreamWriter("audit.log")|};
                return Results.Ok(File.ReadAllText("appsettings.json"));
            });
            app.Run();
            """ + Types);

    [Fact]
    public Task Writes_in_code_a_handler_calls_are_reported_with_the_handler_startup_and_background_code_are_not()
        => VerifyAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddScoped<NoteStore>();
            builder.Services.AddHostedService<Exporter>();
            var app = builder.Build();
            Seed.Write();
            app.MapPost("/notes", (string text, NoteStore store) => store.Save(text));
            app.Run();

            public class NoteStore
            {
                public void Save(string text)
                {
                    {|#0:File.AppendAllText("notes.txt", text)|};
                    using var writer = {|#1:new StreamWriter("last-note.txt")|};
                    writer.Write(text);
                }

                public void Scratch(string text) => File.WriteAllText(Path.Combine(Path.GetTempPath(), "n.txt"), text);
            }

            public class NotesController : ControllerBase
            {
                [HttpPost]
                public IActionResult Post(string text)
                {
                    new Archive().Keep(text);
                    return Ok();
                }
            }

            public class Archive
            {
                public void Keep(string text) => {|#2:File.WriteAllText("archive/" + Guid.NewGuid() + ".txt", text)|};
            }

            static class Seed
            {
                public static void Write() => File.WriteAllText("seed.txt", "1");
            }

            public class Exporter : BackgroundService
            {
                protected override Task ExecuteAsync(System.Threading.CancellationToken stoppingToken)
                {
                    File.WriteAllText("export.csv", "a,b");
                    return Task.CompletedTask;
                }
            }
            """,
            Verify.Diagnostic("HK8006").WithLocation(0).WithArguments("'File.AppendAllText' on the request path (reached from MapPost \"/notes\") writes", "app data", "what it writes is lost at the next restart and other dynos never see it", "Keep app data in Heroku Postgres or object storage; use Path.GetTempPath() only for scratch files"),
            Verify.Diagnostic("HK8006").WithLocation(1).WithArguments("'new StreamWriter' on the request path (reached from MapPost \"/notes\") writes", "app data", "what it writes is lost at the next restart and other dynos never see it", "Keep app data in Heroku Postgres or object storage; use Path.GetTempPath() only for scratch files"),
            Verify.Diagnostic("HK8006").WithLocation(2).WithArguments("'File.WriteAllText' on the request path (reached from NotesController.Post) writes", "app data", "what it writes is lost at the next restart and other dynos never see it", "Keep app data in Heroku Postgres or object storage; use Path.GetTempPath() only for scratch files"));

    [Fact]
    public Task Hand_made_log_files_in_logger_implementations_and_EF_Cores_LogTo_are_reported()
        => VerifyAsync(Usings + """
            using Microsoft.Extensions.Logging;

            var builder = WebApplication.CreateBuilder(args);
            StreamWriter efLog = new("logs.txt", true);
            builder.Services.AddDbContext<AppDb>(o => o
                .UseNpgsql("Host=db")
                .{|HK8006:LogTo(efLog.WriteLine)|}
                .EnableDetailedErrors());
            builder.Logging.AddProvider(new FileLoggerProvider("app.log"));
            builder.Build().Run();

            sealed class FileLoggerProvider(string path) : ILoggerProvider
            {
                private readonly StreamWriter _writer = {|HK8006:new StreamWriter(path, append: true)|};

                public ILogger CreateLogger(string categoryName) => new FileLogger(path);

                public void Dispose() => _writer.Dispose();
            }

            sealed class FileLogger(string path) : ILogger
            {
                public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

                public bool IsEnabled(LogLevel logLevel) => true;

                public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
                {
                    {|HK8006:File.AppendAllText(path, formatter(state, exception) + Environment.NewLine)|};
                    using var stream = {|HK8006:new FileStream(Path.Combine(AppContext.BaseDirectory, "errors.log"), FileMode.Append)|};
                }
            }

            sealed class AuditDb : DbContext
            {
                private readonly StreamWriter _log = new StreamWriter("ef.log", append: true);

                protected override void OnConfiguring(DbContextOptionsBuilder options) => options.{|HK8006:LogTo(line => _log.WriteLine(line), LogLevel.Information)|};
            }
            """ + Types);

    [Fact]
    public Task Loggers_writing_to_the_console_temp_files_or_reading_and_LogTo_the_console_are_left_alone()
        => VerifyAsync(Usings + """
            using Microsoft.Extensions.Logging;

            var builder = WebApplication.CreateBuilder(args);
            var scratch = new StreamWriter(Path.Combine(Path.GetTempPath(), "ef.log"));
            builder.Services.AddDbContext<AppDb>(o => o.UseNpgsql("Host=db").LogTo(Console.WriteLine).LogTo(scratch.WriteLine));
            var report = new StreamWriter("report.csv");
            report.WriteLine("a,b");
            builder.Build().Run();

            sealed class ConsoleLogger : ILogger
            {
                private readonly TextWriter _out = Console.Out;

                public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

                public bool IsEnabled(LogLevel logLevel) => true;

                public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
                {
                    _out.WriteLine(formatter(state, exception));
                    File.AppendAllText(Path.Combine(Path.GetTempPath(), "trace.log"), "x");
                    var template = File.ReadAllText("log-template.txt");
                    using var reader = new FileStream("log-template.txt", FileMode.Open);
                }
            }

            sealed class DevFileLogger(IHostEnvironment environment) : ILogger
            {
                public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

                public bool IsEnabled(LogLevel logLevel) => true;

                public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
                {
                    if (environment.IsDevelopment())
                    {
                        File.AppendAllText("dev.log", formatter(state, exception));
                    }
                }
            }
            """ + Types);

    [Fact]
    public Task A_System_Data_SQLite_file_database_is_reported_in_memory_and_development_ones_are_not()
        => VerifyAsync(Usings + """
            using System.Data.SQLite;
            using Microsoft.Extensions.Configuration;

            var builder = WebApplication.CreateBuilder(args);
            var path = Path.Combine(builder.Environment.ContentRootPath, "NinjaTrader.sqlite");
            using var store = {|HK8006:new SQLiteConnection($"Data Source={path};Version=3;")|};
            using var configured = {|HK8006:new SQLiteConnection(builder.Configuration.GetConnectionString("Trades"), true)|};
            using var memory = new SQLiteConnection("Data Source=:memory:;Version=3;New=True;");
            using var copy = new SQLiteConnection(memory);
            if (builder.Environment.IsDevelopment())
            {
                using var local = new SQLiteConnection("Data Source=dev.sqlite");
            }

            builder.Build().Run();
            """ + Types);
}
