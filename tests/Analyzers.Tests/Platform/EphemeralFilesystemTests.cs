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

    private static Task VerifyAsync(string code)
    {
        var test = new Verify.Test { TestCode = code };
        test.TestState.AdditionalReferences.AddRange(Net8References.EfCore);
        test.TestState.AdditionalReferences.AddRange(Net8References.PlatformClients);
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
}
