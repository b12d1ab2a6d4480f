using ConsistencyApp.Caching;
using ConsistencyApp.Services;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;

// A multi-file app with at least one finding of every code rule, most of them decided across files.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddControllers();
builder.Services.AddMemoryCache();
builder.Services.AddSingleton<VisitCounter>();
builder.Services.AddSingleton<Pricing>();
builder.Services.AddSingleton<InvoiceDatabase>();
// Sign-in cookies (Services/AuthSetup.cs) encrypted with a key ring kept on the dyno's disk: HK8002 there.
builder.Services.AddAppAuthentication();
builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo("keys"));
builder.Services.AddHostedService<ReportWorker>();
builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(45));
builder.WebHost.UseUrls("http://*:5000");
// heroku.yml builds a container, so its run.web (not the Procfile) is the web process: HK3005 comes from code.
builder.WebHost.ConfigureKestrel(options => options.Listen(System.Net.IPAddress.Any, 5003));

var app = builder.Build();
app.Urls.Add("http://localhost:5001");
app.Urls.Add("http://0.0.0.0:5002");

// appsettings.json sets https_port and no file applies forwarded headers: HK8001 (a redirect loop).
app.UseHttpsRedirection();
app.MapControllers();
app.MapGet("/rates/{currency}", (string currency, Pricing pricing) => pricing.RateAsync(currency).Result);
app.MapGet("/pages/{path}", (string path) => PageCache.Render(path));
app.MapGet("/audit", ([FromServices] VisitCounter counter) => counter.Count("audit"));

app.Run();
