using Verify = HerokuAnalyzers.Analyzers.Tests.Verification.AnalyzerVerifier<HerokuAnalyzers.RequestPath.RequestPathAnalyzer>;

namespace HerokuAnalyzers.Analyzers.Tests.RequestPath;

/// <summary>Which code is a request handler: the runtime's own conventions, nothing looser.</summary>
public class RequestHandlerDetectionTests
{
    private const string Usings = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Mvc.Filters;
        using Microsoft.AspNetCore.Mvc.RazorPages;

        """;

    /// <summary>For sources that only declare types: the app's entry point.</summary>
    private const string Program = Usings + """
        WebApplication.CreateBuilder(args).Build().Run();

        """;

    [Fact]
    public Task Actions_of_a_ControllerBase_subclass_are_handlers()
        => Verify.VerifyAsync(Program + """
            public class InvoicesController : ControllerBase
            {
                public int Get(Task<int> total) => {|HK1001:total.Result|};
                public void Post() => {|HK1002:Thread.Sleep(100)|};
            }
            """);

    [Fact]
    public Task A_class_named_Controller_or_marked_Controller_is_a_controller_without_a_base_class()
        => Verify.VerifyAsync(Program + """
            public class ReportsController
            {
                public void Get() => {|HK1002:Thread.Sleep(100)|};
            }

            [Controller]
            public class Reports
            {
                public void Get() => {|HK1002:Thread.Sleep(100)|};
            }
            """);

    [Fact]
    public Task Types_and_methods_the_runtime_does_not_treat_as_actions_are_not_handlers()
        => Verify.VerifyAsync(Program + """
            [NonController]
            public class LegacyController : ControllerBase
            {
                public void Get() => Thread.Sleep(100);
            }

            public abstract class AbstractController : ControllerBase
            {
                public abstract void Get();
            }

            internal class InternalController : ControllerBase
            {
                public void Get() => Thread.Sleep(100);
            }

            public class GenericController<T> : ControllerBase
            {
                public void Get() => Thread.Sleep(100);
            }

            public class Outer
            {
                public class NestedController : ControllerBase
                {
                    public void Get() => Thread.Sleep(100);
                }
            }

            public class ItemsController : ControllerBase
            {
                [NonAction]
                public void Helper() => Thread.Sleep(100);

                private void Private() => Thread.Sleep(100);

                public static void Static() => Thread.Sleep(100);

                public void Generic<T>() => Thread.Sleep(100);

                public override string ToString() { Thread.Sleep(100); return ""; }
            }

            public class PlainService
            {
                public void Get() => Thread.Sleep(100);
            }
            """);

    [Fact]
    public Task Public_methods_of_a_base_class_of_a_controller_are_actions()
        => Verify.VerifyAsync(Program + """
            public abstract class ApiControllerBase : ControllerBase
            {
                public void Health() => {|HK1002:Thread.Sleep(100)|};
            }

            public class OrdersController : ApiControllerBase
            {
            }
            """);

    [Fact]
    public Task Razor_page_handlers_are_handlers_but_NonHandler_methods_are_not()
        => Verify.VerifyAsync(Program + """
            public class IndexModel : PageModel
            {
                public void OnGet() => {|HK1002:Thread.Sleep(100)|};
                public void OnPostDelete() => {|HK1002:Thread.Sleep(100)|};
                [NonHandler]
                public void OnPostHelper() => Thread.Sleep(100);
                public void Other() => Thread.Sleep(100);
            }
            """);

    [Fact]
    public Task Minimal_api_lambdas_and_method_groups_on_the_app_and_on_route_groups_are_handlers()
        => Verify.VerifyAsync(Usings + """
            var app = WebApplication.CreateBuilder(args).Build();
            app.MapGet("/a", () => {|HK1002:Thread.Sleep(100)|});
            app.MapPost("/b", (Task<int> t) => {|HK1001:t.Result|});
            var api = app.MapGroup("/api");
            api.MapPut("/c", Handlers.Put);
            api.MapMethods("/d", new[] { "PATCH" }, () => {|HK1002:Thread.Sleep(100)|});
            app.MapFallback(() => {|HK1002:Thread.Sleep(100)|});
            Thread.Sleep(100);
            app.Run();

            static class Handlers
            {
                public static void Put() => {|HK1002:Thread.Sleep(100)|};
            }
            """);

    [Fact]
    public Task Middleware_delegates_and_classes_are_handlers()
        => Verify.VerifyAsync(Usings + """
            var app = WebApplication.CreateBuilder(args).Build();
            app.Use(async (context, next) => { {|HK1002:Thread.Sleep(100)|}; await next(context); });
            app.Map("/branch", branch => branch.Run(context => { {|HK1002:Thread.Sleep(100)|}; return Task.CompletedTask; }));
            app.UseMiddleware<TimingMiddleware>();
            app.Run();

            public class TimingMiddleware
            {
                private readonly RequestDelegate _next;
                public TimingMiddleware(RequestDelegate next) { _next = next; Thread.Sleep(100); }
                public Task InvokeAsync(HttpContext context) { {|HK1002:Thread.Sleep(100)|}; return _next(context); }
            }

            public class AuditMiddleware : IMiddleware
            {
                public Task InvokeAsync(HttpContext context, RequestDelegate next) { {|HK1002:Thread.Sleep(100)|}; return next(context); }
            }
            """);

    [Fact]
    public Task Mvc_filters_are_handlers()
        => Verify.VerifyAsync(Program + """
            public class AuditFilter : IActionFilter
            {
                public void OnActionExecuting(ActionExecutingContext context) => {|HK1002:Thread.Sleep(100)|};
                public void OnActionExecuted(ActionExecutedContext context) { }
                public void Unrelated() => Thread.Sleep(100);
            }

            public class TimingAttribute : ActionFilterAttribute
            {
                public override void OnResultExecuting(ResultExecutingContext context) => {|HK1002:Thread.Sleep(100)|};
            }
            """);

    [Fact]
    public Task Findings_in_service_constructors_and_factories_say_which_service_and_lifetime()
        => Verify.VerifyAsync(
            Usings + """
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddSingleton<Clock>(sp => new Clock({|#0:Clock.LoadAsync().Result|}));
            builder.Services.AddScoped<Cart>();
            builder.Build().Run();

            public class Clock
            {
                public Clock(int offset) { }
                public static async Task<int> LoadAsync() { await Task.Yield(); return 1; }
            }

            public class Cart
            {
                public Cart() => {|#1:Thread.Sleep(10)|};
            }
            """,
            Verify.Diagnostic("HK1001").WithLocation(0).WithArguments("Task.Result", " (reached from the factory of singleton Clock, on its first resolution in a request)"),
            Verify.Diagnostic("HK1002").WithLocation(1).WithArguments("Thread.Sleep", " (reached from the constructor of scoped or transient service Cart)"));
}
