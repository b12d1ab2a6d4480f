using HerokuSample.Services;
using Microsoft.AspNetCore.Mvc;

namespace HerokuSample.Controllers;

[ApiController]
[Route("invoices")]
public sealed class InvoicesController : ControllerBase
{
    private readonly InvoiceStore _store;

    public InvoicesController(InvoiceStore store) => _store = store;

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
}
