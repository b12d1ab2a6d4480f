using ConsistencyApp.Caching;
using ConsistencyApp.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Caching.Memory;

namespace ConsistencyApp.Controllers;

[ApiController]
[Route("invoices")]
public sealed class InvoicesController(IMemoryCache cache, Pricing pricing, HttpClient http) : ControllerBase
{
    /// <summary>Read again for every request: MVC builds the controller, and its initializers, per request.</summary>
    private readonly string _footer = System.IO.File.ReadAllText("footer.txt");

    [HttpGet("{id}")]
    public string Get(string id)
    {
        AuditLog.Entries.Add("get " + id);
        var body = http.GetStringAsync("https://billing.example.com/" + id).Result;
        cache.Set(id, body);
        return body;
    }

    [HttpGet("{id}/pdf")]
    public string Pdf(string id)
    {
        pricing.Throttle();
        pricing.Render();
        pricing.Snapshot(id);
        return System.IO.File.ReadAllText("/tmp/" + id + ".pdf");
    }

    [HttpGet("{id}/thumbnail")]
    public string Thumbnail(string id)
        => PageCache.Thumbnails.Set(id, "thumb", new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(5) });

    [HttpPost("{id}/send")]
    public async Task<string> Send(string id, CancellationToken cancellationToken)
    {
        await Task.Delay(60_000, cancellationToken);
        return await http.GetStringAsync("https://mail.example.com/" + id);
    }
}
