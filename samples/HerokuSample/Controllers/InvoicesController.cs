using HerokuSample.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Caching.Memory;

namespace HerokuSample.Controllers;

[ApiController]
[Route("invoices")]
public sealed class InvoicesController : ControllerBase
{
    private readonly InvoiceStore _store;
    private readonly IMemoryCache _summaries;

    public InvoicesController(InvoiceStore store, IMemoryCache summaries)
    {
        _store = store;
        _summaries = summaries;
    }

    [HttpGet("{id}")]
    public ActionResult<Invoice> Get(int id)
    {
        var invoice = _store.Find(id);
        return invoice is null ? NotFound() : invoice;
    }

    [HttpGet("{id}/pdf")]
    public IActionResult Pdf(int id)
    {
        // Synchronous file I/O on a request thread (HK1003).
        var template = System.IO.File.ReadAllText("Templates/invoice.html");
        return Content(template.Replace("{id}", id.ToString()), "text/html");
    }

    [HttpGet("{id}/summary")]
    public string Summary(int id)
        // Entries expire, but the cache Program.cs registers has no SizeLimit (HK2002 there).
        => _summaries.GetOrCreate(id, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10);
            return $"Invoice {id}";
        })!;
}
