// Evaluation app: request-path cases written from the classes of issue 12. A line ending in
// "// HKnnnn" must be reported with that ID; a line ending in "// clean" must not be; no other line
// may be reported. EvaluationAppTests compiles these files as one web app and checks the labels.
using EvaluationApp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddControllersWithViews(o => o.InputFormatters.Insert(0, new PlainTextInputFormatter()));
builder.Services.AddDbContext<ShopContext>(o => o.UseNpgsql("Host=localhost;Database=shop"));
builder.Services.AddScoped<IPriceList, PriceList>();
builder.Services.AddSingleton<IRates>(sp => new Rates(RatesLoader.LoadAsync().GetAwaiter().GetResult())); // HK1001
builder.Services.AddScoped<AuditLog>();
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("db");
builder.Services.AddExceptionHandler<LoggingExceptionHandler>();
builder.Services.AddScoped<TimingFilter>();
builder.Services.AddTransient(typeof(ICurrency), typeof(Currency));
builder.Services.AddHostedService<Cleanup>();

var app = builder.Build();
app.UseExceptionHandler();
app.UseMiddleware<LegacyHeaderMiddleware>();
app.Use(async (context, next) =>
{
    System.Threading.Thread.Sleep(5); // HK1002
    await next(context);
});
app.UseStatusCodePages(async context =>
{
    var page = System.IO.File.ReadAllText("status.html"); // HK1003
    await context.HttpContext.Response.WriteAsync(page); // clean
});
app.MapGet("/ping", () => "pong").AddEndpointFilter<AuditEndpointFilter>();
app.MapGet("/pong", () => "ping").AddEndpointFilter(async (context, next) =>
{
    System.Threading.Thread.Sleep(1); // HK1002
    return await next(context);
});
app.MapHealthChecks("/health");
app.MapControllers();
app.Run();
