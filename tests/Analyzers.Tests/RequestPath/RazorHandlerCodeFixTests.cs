namespace HerokuAnalyzers.Analyzers.Tests.RequestPath;

/// <summary>
/// Razor Page handlers made async take the conventional Async suffix — the runtime maps OnGet and OnGetAsync
/// to the same handler — unless that name is taken, where a second handler would be ambiguous. A view
/// component's Invoke becomes InvokeAsync: the runtime rejects an Invoke that returns a task.
/// </summary>
public class RazorHandlerCodeFixTests
{
    private const string Usings = """
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Mvc.RazorPages;

        WebApplication.CreateBuilder(args).Build().Run();

        """;

    private static Task VerifyAsync(string source, string fixedSource) => RequestPathFixTest.VerifyAsync(Usings + source, Usings + fixedSource);

    [Fact]
    public Task OnGet_becomes_OnGetAsync()
        => VerifyAsync(
            """
            public class IndexModel : PageModel
            {
                public int Count { get; set; }
                public void OnGet(Task<int> count) => Count = {|HK1001:count.Result|};
            }
            """,
            """
            public class IndexModel : PageModel
            {
                public int Count { get; set; }
                public async Task OnGetAsync(Task<int> count) => Count = await count;
            }
            """);

    [Fact]
    public Task A_view_component_Invoke_becomes_InvokeAsync()
        => RequestPathFixTest.VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.ViewComponents;

            WebApplication.CreateBuilder(args).Build().Run();

            public class CartViewComponent : ViewComponent
            {
                public IViewComponentResult Invoke(Task<int> count) => Content({|HK1001:count.Result|}.ToString());
            }
            """,
            """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.ViewComponents;

            WebApplication.CreateBuilder(args).Build().Run();

            public class CartViewComponent : ViewComponent
            {
                public async Task<IViewComponentResult> InvokeAsync(Task<int> count) => Content((await count).ToString());
            }
            """);

    [Fact]
    public Task A_page_handler_reached_through_a_service_is_renamed_too()
        => VerifyAsync(
            """
            public class ReportModel : PageModel
            {
                public int Total { get; set; }
                public void OnPostExport() => Total = Exporter.Run();
            }

            public static class Exporter
            {
                public static int Run() => {|HK1001:LoadAsync().Result|};
                private static async Task<int> LoadAsync() { await Task.Yield(); return 1; }
            }
            """,
            """
            public class ReportModel : PageModel
            {
                public int Total { get; set; }
                public async Task OnPostExportAsync() => Total = await Exporter.Run();
            }

            public static class Exporter
            {
                public static async Task<int> Run() => await LoadAsync();
                private static async Task<int> LoadAsync() { await Task.Yield(); return 1; }
            }
            """);

    [Theory]
    [InlineData("public Task OnGetAsync() => Task.CompletedTask;")]
    [InlineData("public Task OnGetAsync(int id) => Task.CompletedTask;")]
    [InlineData("public string Handler => nameof(OnGet);")]
    public Task OnGet_keeps_its_name_when_the_Async_name_is_taken_or_named(string other)
        => VerifyAsync(
            $$"""
            public class IndexModel : PageModel
            {
                public void OnGet() => {|HK1002:Thread.Sleep(100)|};
                {{other}}
            }
            """,
            $$"""
            public class IndexModel : PageModel
            {
                public async Task OnGet() => await Task.Delay(100, HttpContext.RequestAborted);
                {{other}}
            }
            """);

    [Fact]
    public Task OnGet_keeps_its_name_when_a_base_page_model_has_OnGetAsync()
        => VerifyAsync(
            """
            public class BasePage : PageModel
            {
                public virtual Task OnGetAsync() => Task.CompletedTask;
            }

            public class IndexModel : BasePage
            {
                public void OnGet() => {|HK1002:Thread.Sleep(100)|};
            }
            """,
            """
            public class BasePage : PageModel
            {
                public virtual Task OnGetAsync() => Task.CompletedTask;
            }

            public class IndexModel : BasePage
            {
                public async Task OnGet() => await Task.Delay(100, HttpContext.RequestAborted);
            }
            """);
}
