using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace EvaluationApp;

// Whether a LINQ operator runs SQL is decided per call, from its source.
public class QueriesController : ControllerBase
{
    private readonly ShopContext _db;
    private readonly InvoiceRepository _repository;
    private readonly List<int> _recent = new() { 1, 2, 3 };

    public QueriesController(ShopContext db, InvoiceRepository repository)
    {
        _db = db;
        _repository = repository;
    }

    public IActionResult Lists(bool paidOnly)
    {
        var all = _db.Invoices.ToList(); // HK1003
        var copy = _recent.ToList(); // clean
        var numbers = new[] { 3, 1, 2 };
        var sorted = numbers.OrderBy(n => n).ToArray(); // clean
        var first = numbers.First(); // clean
        var paid = (from i in _db.Invoices where i.Paid select i).ToList(); // HK1003
        var small = (from n in numbers where n < 3 select n).ToList(); // clean
        var inMemory = numbers.AsQueryable().Where(n => n > 1).ToList(); // clean
        var query = _db.Invoices.AsNoTracking();
        if (paidOnly)
        {
            query = query.Where(i => i.Paid);
        }

        var filtered = query.ToList(); // HK1003
        var one = _db.Invoices.Where(i => i.Id == 1).First(); // HK1003
        var count = _db.Invoices.Count(); // HK1003
        var unpaid = _repository.Unpaid().ToArray(); // HK1003
        var notes = all.Select(i => i.Note).ToList(); // clean
        var any = _db.Invoices.AsEnumerable().Any(i => i.Paid); // HK1003
        return Ok(new { all, copy, sorted, first, paid, small, inMemory, filtered, one, count, unpaid, notes, any });
    }

    public async Task<IActionResult> ListsAsync()
    {
        var all = await _db.Invoices.ToListAsync(HttpContext.RequestAborted); // clean
        var ids = all.Select(i => i.Id).ToList(); // clean
        return Ok(ids);
    }
}
