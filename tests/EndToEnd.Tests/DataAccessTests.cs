using HerokuAnalyzers.EndToEnd.Tests.Infrastructure;

namespace HerokuAnalyzers.EndToEnd.Tests;

/// <summary>
/// HK1003 with real data-access libraries from the registry (EF Core with Npgsql, Dapper): whether a LINQ
/// operator runs SQL is decided per call — a query, in query syntax too, is reported and a list next to it
/// is not — and Dapper's synchronous extension methods are reported while their async twins are not.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class DataAccessTests
{
    private readonly PackedPackage _package;

    public DataAccessTests(PackedPackage package) => _package = package;

    [Fact]
    public void EF_queries_are_decided_per_call_and_Dapper_has_async_twins()
    {
        var app = _package.CreateConsumer("data").WithRegistry().AddWebProject(extraProperties: "");
        var project = app.Read("App/App.csproj").Replace(
            "</ItemGroup>",
            """
              <PackageReference Include="Npgsql.EntityFrameworkCore.PostgreSQL" Version="10.0.3" />
                <PackageReference Include="Dapper" Version="2.1.66" />
              </ItemGroup>
            """);
        app.Write("App/App.csproj", project);
        app.Write("App/Program.cs", """
            using Microsoft.EntityFrameworkCore;
            using Npgsql;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers();
            builder.Services.AddDbContext<App.ShopContext>(o => o.UseNpgsql("Host=localhost"));
            builder.Services.AddSingleton(NpgsqlDataSource.Create("Host=localhost"));
            var app = builder.Build();
            app.MapControllers();
            app.Run();
            """);
        app.Write("App/Invoices.cs", """
            using Dapper;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.EntityFrameworkCore;
            using Npgsql;

            namespace App;

            public sealed class Invoice
            {
                public int Id { get; set; }
                public bool Paid { get; set; }
            }

            public sealed class ShopContext(DbContextOptions<ShopContext> options) : DbContext(options)
            {
                public DbSet<Invoice> Invoices => Set<Invoice>();
            }

            [ApiController]
            [Route("invoices")]
            public sealed class InvoicesController(ShopContext db, NpgsqlDataSource data) : ControllerBase
            {
                [HttpGet]
                public object Get()
                {
                    var numbers = new List<int> { 2, 1 }.OrderBy(n => n).ToList();
                    var paid = (from i in db.Invoices where i.Paid select i).ToList();
                    var count = db.Invoices.Count();
                    using var connection = data.OpenConnection();
                    var rows = connection.Query<Invoice>("select * from invoices").ToList();
                    var changed = connection.Execute("update invoices set paid = true");
                    return new { numbers, paid, count, rows, changed };
                }

                [HttpGet("async")]
                public async Task<object> GetAsync()
                {
                    var all = await db.Invoices.ToListAsync(HttpContext.RequestAborted);
                    var ids = all.Select(i => i.Id).ToList();
                    await using var connection = await data.OpenConnectionAsync(HttpContext.RequestAborted);
                    var rows = (await connection.QueryAsync<Invoice>("select * from invoices")).ToList();
                    var changed = await connection.ExecuteAsync("update invoices set paid = true");
                    return new { ids, rows, changed };
                }
            }
            """);

        var result = app.Build("App");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            new[]
            {
                "App/Invoices.cs(27,20): warning HK1003",
                "App/Invoices.cs(28,21): warning HK1003",
                "App/Invoices.cs(29,32): warning HK1003",
                "App/Invoices.cs(30,20): warning HK1003",
                "App/Invoices.cs(31,23): warning HK1003",
            },
            result.Diagnostics);
        Assert.Contains("'SqlMapper.Query' does I/O synchronously", result.Output);
        Assert.Contains("Await 'SqlMapper.QueryAsync' instead", result.Output);
    }
}
