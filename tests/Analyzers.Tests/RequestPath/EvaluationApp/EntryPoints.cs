using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Formatters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace EvaluationApp;

// Code ASP.NET Core runs for a request besides actions, and code it does not.
public static class RatesLoader
{
    public static async Task<decimal> LoadAsync()
    {
        await Task.Yield();
        return 1m;
    }
}

public interface IRates { decimal Rate { get; } }

public class Rates : IRates
{
    public Rates(decimal rate) => Rate = rate;
    public decimal Rate { get; }
}

public interface IPriceList { decimal Price(int id); }

public class PriceList : IPriceList
{
    private readonly decimal _base;
    public PriceList() => _base = RatesLoader.LoadAsync().Result; // HK1001
    public decimal Price(int id) => _base * id;
}

public interface ICurrency { string Code { get; } }

public class Currency : ICurrency
{
    public Currency() => Code = File.ReadAllText("currency.txt"); // HK1003
    public string Code { get; }
}

public class AuditLog
{
    public AuditLog() => Thread.Sleep(1); // HK1002
}

public class NotRegistered
{
    public NotRegistered() => Thread.Sleep(1); // clean
}

public class CatalogController : Controller
{
    [TimingFilter]
    [ServiceFilter(typeof(TimingFilter))]
    public IActionResult Index([ModelBinder(typeof(CodeBinder))] string code) => View();
}

public class TimingFilter : ActionFilterAttribute
{
    public override void OnActionExecuting(ActionExecutingContext context) => Thread.Sleep(1); // HK1002
}

public class LockFilter : IAsyncResourceFilter
{
    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        RatesLoader.LoadAsync().Wait(); // HK1001
        await next();
    }
}

public class AuditEndpointFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        File.AppendAllText("audit.log", "call"); // HK1003
        return next(context);
    }
}

public class CartSummaryViewComponent : ViewComponent
{
    public IViewComponentResult Invoke() => Content(RatesLoader.LoadAsync().Result.ToString()); // HK1001
}

public class PriceTagHelper : TagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
        => output.Content.SetContent(File.ReadAllText("price.txt")); // HK1003
}

public class DatabaseHealthCheck : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        Thread.Sleep(10); // HK1002
        return Task.FromResult(HealthCheckResult.Healthy());
    }
}

public class OwnerRequirement : IAuthorizationRequirement { }

public class OwnerHandler : AuthorizationHandler<OwnerRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OwnerRequirement requirement)
    {
        if (RatesLoader.LoadAsync().GetAwaiter().GetResult() > 0) // HK1001
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

public class LoggingExceptionHandler : IExceptionHandler
{
    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        File.AppendAllText("errors.log", exception.Message); // HK1003
        return ValueTask.FromResult(false);
    }
}

public class CodeBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var text = new StreamReader(bindingContext.HttpContext.Request.Body).ReadToEnd(); // HK1003
        bindingContext.Result = ModelBindingResult.Success(text);
        return Task.CompletedTask;
    }
}

public class PlainTextInputFormatter : TextInputFormatter
{
    public PlainTextInputFormatter()
    {
        SupportedEncodings.Add(Encoding.UTF8);
        SupportedMediaTypes.Add("text/plain");
    }

    public override Task<InputFormatterResult> ReadRequestBodyAsync(InputFormatterContext context, Encoding encoding)
    {
        var text = new StreamReader(context.HttpContext.Request.Body, encoding).ReadToEnd(); // HK1003
        return InputFormatterResult.SuccessAsync(text);
    }
}

public class CsvOutputFormatter : TextOutputFormatter
{
    public CsvOutputFormatter() => SupportedEncodings.Add(Encoding.UTF8);

    public override Task WriteResponseBodyAsync(OutputFormatterWriteContext context, Encoding selectedEncoding)
    {
        context.HttpContext.Response.Body.Write(selectedEncoding.GetBytes("a,b")); // HK1003
        return Task.CompletedTask;
    }
}

public class LegacyHeaderMiddleware
{
    private readonly RequestDelegate _next;
    public LegacyHeaderMiddleware(RequestDelegate next) => _next = next;

    public Task InvokeAsync(HttpContext context)
    {
        Thread.Sleep(1); // HK1002
        return _next(context);
    }
}

public class StampMiddleware : IMiddleware
{
    Task IMiddleware.InvokeAsync(HttpContext context, RequestDelegate next)
    {
        Thread.Sleep(1); // HK1002
        return next(context);
    }
}

// Not request handlers: a hosted service, and a SignalR hub (documented on HK1001: hub calls arrive on an
// open WebSocket, not as requests the router times).
public class Cleanup : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Thread.Sleep(1000); // clean
        return Task.CompletedTask;
    }
}

public class ChatHub : Hub
{
    public void Send(string text) => Thread.Sleep(1); // clean
}
