using HerokuSample.Services;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddControllers();
builder.Services.AddRazorPages();
builder.Services.AddHttpClient();
builder.Services.AddMemoryCache();
builder.Services.AddSingleton<InvoiceStore>();
builder.Services.AddHostedService<ReportWorker>();

var app = builder.Build();

if (app.Environment.IsDevelopment())
{
    // Looks harmless locally; on Heroku the router can never reach a loopback address (HK3002).
    app.Urls.Add("http://localhost:5000");
}

app.MapControllers();
app.MapRazorPages();

app.MapGet("/health", () => "ok");

app.MapGet("/exchange-rate/{currency}", (string currency, IHttpClientFactory clients) =>
{
    // Blocks a request thread until the remote API answers (HK1001): H12 after 30 s.
    var rate = clients.CreateClient().GetStringAsync($"https://rates.example.com/{currency}").Result;
    return Results.Text(rate);
});

app.MapGet("/invoices/{id}/share", (int id, HttpRequest request) =>
    // Heroku's router ends TLS, so without forwarded headers this link always says http:// (HK8001).
    Results.Text($"{request.Scheme}://{request.Host}/invoices/{id}"));

app.Run();
