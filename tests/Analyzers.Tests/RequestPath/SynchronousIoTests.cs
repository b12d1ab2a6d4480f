using Verification = HerokuAnalyzers.Analyzers.Tests.Verification;
using Verify = HerokuAnalyzers.Analyzers.Tests.Verification.AnalyzerVerifier<HerokuAnalyzers.RequestPath.RequestPathAnalyzer>;

namespace HerokuAnalyzers.Analyzers.Tests.RequestPath;

/// <summary>HK1003: synchronous I/O with an async twin, EF Core included (the real EF Core 8 library).</summary>
public class SynchronousIoTests
{
    private static string Controller(string body) => $$"""
        using System;
        using System.Data.Common;
        using System.IO;
        using System.Linq;
        using System.Net;
        using System.Net.Http;
        using System.Text;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.EntityFrameworkCore;

        WebApplication.CreateBuilder(args).Build().Run();

        public class Invoice { public int Id { get; set; } public bool Paid { get; set; } }

        public class ShopContext : DbContext
        {
            public DbSet<Invoice> Invoices => Set<Invoice>();
        }

        public class InvoicesController : ControllerBase
        {
            private readonly ShopContext _db;
            private readonly HttpClient _http;
            private readonly IDbContextFactory<ShopContext> _factory;
            public InvoicesController(ShopContext db, HttpClient http, IDbContextFactory<ShopContext> factory) { _db = db; _http = http; _factory = factory; }

            public object Get(Stream stream, DbCommand command, byte[] buffer)
            {
        {{body}}
                return Ok();
            }
        }
        """;

    private static Task VerifyAsync(string source, bool inMemoryProvider = false, bool relationalProvider = false)
    {
        var test = new Verify.Test { TestCode = source };
        test.TestState.AdditionalReferences.AddRange(Verification.Net8References.EfCore);
        if (inMemoryProvider)
        {
            // EvaluationApp holds EF Core InMemory (and Dapper, which is not an EF provider).
            test.TestState.AdditionalReferences.AddRange(Verification.Net8References.EvaluationApp);
        }

        if (relationalProvider)
        {
            // Npgsql's EF Core provider with EF Core Relational (among the platform clients).
            test.TestState.AdditionalReferences.AddRange(Verification.Net8References.PlatformClients);
        }

        return test.RunAsync();
    }

    [Theory]
    [InlineData("var text = {|HK1003:System.IO.File.ReadAllText(\"a.txt\")|};")]
    [InlineData("{|HK1003:System.IO.File.WriteAllBytes(\"a.bin\", buffer)|};")]
    [InlineData("var n = {|HK1003:stream.Read(buffer, 0, buffer.Length)|};")]
    [InlineData("{|HK1003:stream.Write(buffer, 0, buffer.Length)|};")]
    [InlineData("{|HK1003:stream.Flush()|};")]
    [InlineData("{|HK1003:stream.CopyTo(Stream.Null)|};")]
    [InlineData("var body = {|HK1003:new StreamReader(Request.Body).ReadToEnd()|};")]
    [InlineData("var line = {|HK1003:new StreamReader(Request.Body).ReadLine()|};")]
    [InlineData("var response = {|HK1003:_http.Send(new HttpRequestMessage())|};")]
    [InlineData("var page = {|HK1003:new WebClient().DownloadString(\"https://example.com\")|};")]
    [InlineData("var host = {|HK1003:Dns.GetHostEntry(\"example.com\")|};")]
    [InlineData("using var reader = {|HK1003:command.ExecuteReader()|};")]
    [InlineData("var count = {|HK1003:command.ExecuteNonQuery()|};")]
    public Task Synchronous_io_with_an_async_twin_is_reported(string body)
        => VerifyAsync(Controller(body));

    [Theory]
    [InlineData("var all = {|HK1003:_db.Invoices.ToList()|};")]
    [InlineData("var unpaid = {|HK1003:_db.Invoices.Where(i => !i.Paid).OrderBy(i => i.Id).ToArray()|};")]
    [InlineData("var first = {|HK1003:_db.Invoices.First(i => i.Paid)|};")]
    [InlineData("var any = {|HK1003:_db.Invoices.AsNoTracking().Any()|};")]
    [InlineData("var found = {|HK1003:_db.Invoices.Find(1)|};")]
    [InlineData("{|HK1003:_db.SaveChanges()|};")]
    public Task EF_Core_queries_and_SaveChanges_run_synchronously_and_are_reported(string body)
        => VerifyAsync(Controller(body));

    [Theory]
    [InlineData("var all = _db.Invoices.ToList(); var first = _db.Invoices.Where(i => i.Paid).First();")]
    [InlineData("var found = _db.Invoices.Find(1); _db.SaveChanges();")]
    public Task EF_Core_calls_are_not_reported_when_the_in_memory_provider_is_the_only_one(string body)
        => VerifyAsync(Controller(body), inMemoryProvider: true);

    [Theory]
    [InlineData("var all = {|HK1003:_db.Invoices.ToList()|};")]
    [InlineData("{|HK1003:_db.SaveChanges()|};")]
    public Task EF_Core_calls_are_reported_when_a_database_provider_is_referenced_beside_the_in_memory_one(string body)
        => VerifyAsync(Controller(body), inMemoryProvider: true, relationalProvider: true);

    [Fact]
    public Task SQLite_objects_seen_through_their_ADO_NET_base_types_are_not_reported()
        => VerifyAsync(
            Controller("""
                DbCommand sqlite = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=app.db").CreateCommand();
                var rows = sqlite.ExecuteReader();
                while (rows.Read()) { }
                """),
            relationalProvider: true);

    [Fact]
    public Task A_reader_from_a_command_of_unknown_origin_is_reported()
        => VerifyAsync(
            Controller("""
                var rows = {|HK1003:command.ExecuteReader()|};
                var more = {|HK1003:rows.Read()|};
                """),
            relationalProvider: true);

    [Theory]
    [InlineData("_db.Invoices.Add(new Invoice()); _db.AddRange(new Invoice());")]
    [InlineData("using var other = _factory.CreateDbContext();")]
    [InlineData("var local = new[] { 1, 2 }.ToList(); var q = new[] { 1 }.AsQueryable().First();")]
    [InlineData("var memory = new MemoryStream(); memory.Write(buffer, 0, 1); memory.Flush(); memory.CopyTo(Stream.Null);")]
    [InlineData("Console.WriteLine(\"hi\"); var sw = new StringWriter(); sw.Write(\"x\"); sw.Flush();")]
    [InlineData("var text = new StringReader(\"a\").ReadToEnd();")]
    [InlineData("stream.Dispose();")]
    [InlineData("var sb = new StringBuilder().Append(1).ToString();")]
    public Task In_memory_work_and_what_peers_exclude_is_not_reported(string body)
        => VerifyAsync(Controller(body));

    [Fact]
    public Task Synchronous_io_outside_the_request_path_is_not_reported()
        => VerifyAsync(Controller("") + """

            public static class Seeder
            {
                public static void Seed(ShopContext db)
                {
                    var all = db.Invoices.ToList();
                    db.SaveChanges();
                    File.WriteAllText("seeded", "yes");
                }
            }
            """);
}
