using Verification = HerokuAnalyzers.Analyzers.Tests.Verification;

namespace HerokuAnalyzers.Analyzers.Tests.RequestPath;

public class AwaitOnRequestPathCodeFixTests
{
    private const string Usings = """
        using System.IO;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Mvc;

        """;

    private const string Program = Usings + """
        WebApplication.CreateBuilder(args).Build().Run();

        """;

    [Fact]
    public Task Result_in_an_action_becomes_await_and_the_action_returns_Task_of_T_under_the_same_name()
        => RequestPathFixTest.VerifyAsync(
            Program + """
            public class InvoicesController : ControllerBase
            {
                public int Get(Task<int> total) => {|HK1001:total.Result|};

                public string Link() => nameof(Get);
            }
            """,
            Program + """
            public class InvoicesController : ControllerBase
            {
                public async Task<int> Get(Task<int> total) => await total;

                public string Link() => nameof(Get);
            }
            """);

    [Fact]
    public Task Wait_and_GetResult_in_a_void_action_become_awaits_and_the_action_returns_Task()
        => RequestPathFixTest.VerifyAsync(
            Program + """
            public class JobsController : ControllerBase
            {
                public void Post(Task a, Task<int> b, Task<int> c)
                {
                    {|HK1001:a.Wait()|};
                    var n = {|HK1001:b.GetAwaiter().GetResult()|};
                    var s = {|HK1001:c.Result|}.ToString();
                    {|HK1001:Task.WaitAll(a, b)|};
                }
            }
            """,
            Program + """
            public class JobsController : ControllerBase
            {
                public async Task Post(Task a, Task<int> b, Task<int> c)
                {
                    await a;
                    var n = await b;
                    var s = (await c).ToString();
                    await Task.WhenAll(a, b);
                }
            }
            """);

    [Fact]
    public Task Thread_Sleep_becomes_Task_Delay_with_the_request_token()
        => RequestPathFixTest.VerifyAsync(
            Program + """
            public class PollController : ControllerBase
            {
                public IActionResult Get()
                {
                    {|HK1002:Thread.Sleep(250)|};
                    return Ok();
                }
            }
            """,
            Program + """
            public class PollController : ControllerBase
            {
                public async Task<IActionResult> Get()
                {
                    await Task.Delay(250, HttpContext.RequestAborted);
                    return Ok();
                }
            }
            """);

    [Fact]
    public Task Synchronous_io_becomes_the_async_twin_with_the_request_token_in_a_minimal_api_lambda()
        => RequestPathFixTest.VerifyAsync(
            Usings + """
            var app = WebApplication.CreateBuilder(args).Build();
            app.MapGet("/", (CancellationToken token) => {|HK1003:File.ReadAllText("a.txt")|});
            app.Run();
            """,
            Usings + """
            var app = WebApplication.CreateBuilder(args).Build();
            app.MapGet("/", async (CancellationToken token) => await File.ReadAllTextAsync("a.txt", token));
            app.Run();
            """);

    [Fact]
    public Task EF_Core_query_becomes_ToListAsync_and_the_namespace_is_imported()
    {
        var test = RequestPathFixTest.New(
            """
                using System.Collections.Generic;
                using System.Linq;
                using Microsoft.AspNetCore.Builder;
                using Microsoft.AspNetCore.Mvc;

                WebApplication.CreateBuilder(args).Build().Run();

                public class Invoice { public int Id { get; set; } }

                public class ShopContext : Microsoft.EntityFrameworkCore.DbContext
                {
                    public Microsoft.EntityFrameworkCore.DbSet<Invoice> Invoices => Set<Invoice>();
                }

                public class InvoicesController : ControllerBase
                {
                    private readonly ShopContext _db;
                    public InvoicesController(ShopContext db) => _db = db;
                    public List<Invoice> Get() => {|HK1003:_db.Invoices.Where(i => i.Id > 0).ToList()|};
                }
                """,
            """
                using System.Collections.Generic;
                using System.Linq;
                using Microsoft.AspNetCore.Builder;
                using Microsoft.AspNetCore.Mvc;
                using Microsoft.EntityFrameworkCore;

                WebApplication.CreateBuilder(args).Build().Run();

                public class Invoice { public int Id { get; set; } }

                public class ShopContext : Microsoft.EntityFrameworkCore.DbContext
                {
                    public Microsoft.EntityFrameworkCore.DbSet<Invoice> Invoices => Set<Invoice>();
                }

                public class InvoicesController : ControllerBase
                {
                    private readonly ShopContext _db;
                    public InvoicesController(ShopContext db) => _db = db;
                    public async System.Threading.Tasks.Task<List<Invoice>> Get() => await _db.Invoices.Where(i => i.Id > 0).ToListAsync(HttpContext.RequestAborted);
                }
                """);
        test.TestState.AdditionalReferences.AddRange(Verification.Net8References.EfCore);
        return test.RunAsync();
    }

    [Fact]
    public Task Fix_all_makes_one_handler_async_once_for_several_findings()
        => RequestPathFixTest.VerifyAsync(
            Program + """
            public class ReportsController : ControllerBase
            {
                public int Get(Task<int> a, Task<int> b) => {|HK1001:a.Result|} + {|HK1001:b.Result|};
            }
            """,
            Program + """
            public class ReportsController : ControllerBase
            {
                public async Task<int> Get(Task<int> a, Task<int> b) => await a + await b;
            }
            """);

    [Fact]
    public Task No_fix_in_a_handler_that_implements_an_interface()
    {
        var source = Program + """
            public interface IReport { int Total(); }

            public class ReportsController : ControllerBase, IReport
            {
                public int Total() => {|HK1001:Compute().Result|};
                public Task<int> Compute() => Task.FromResult(1);
            }
            """;
        return RequestPathFixTest.VerifyAsync(source, source);
    }

    [Fact]
    public Task No_fix_in_a_handler_other_code_calls_or_takes_as_a_method_group()
    {
        var source = Program + """
            public class ReportsController : ControllerBase
            {
                public int Get(Task<int> total) => {|HK1001:total.Result|};
                public int Twice(Task<int> total) => Get(total) * 2;
            }

            public class SummaryController : ControllerBase
            {
                public int Get(Task<int> total) => {|HK1001:total.Result|};
            }

            static class Links
            {
                public static System.Func<Task<int>, int> Summary(SummaryController c) => c.Get;
            }
            """;
        return RequestPathFixTest.VerifyAsync(source, source);
    }

    [Fact]
    public Task No_fix_in_a_handler_called_from_another_file()
    {
        var test = RequestPathFixTest.New(
            Program + """
            public class ReportsController : ControllerBase
            {
                public void Post(Task job) => {|HK1001:job.Wait()|};
            }
            """,
            Program + """
            public class ReportsController : ControllerBase
            {
                public void Post(Task job) => {|HK1001:job.Wait()|};
            }
            """);
        const string Caller = """
            public static class Nightly
            {
                public static void Run(ReportsController reports) => reports.Post(System.Threading.Tasks.Task.CompletedTask);
            }
            """;
        test.TestState.Sources.Add(("/0/Nightly.cs", Caller));
        test.FixedState.Sources.Add(("/0/Nightly.cs", Caller));
        return test.RunAsync();
    }

}
