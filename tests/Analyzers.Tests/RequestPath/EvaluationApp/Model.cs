using System.Linq;
using Microsoft.EntityFrameworkCore;

namespace EvaluationApp;

public class Invoice
{
    public int Id { get; set; }
    public bool Paid { get; set; }
    public string? Note { get; set; }
}

public class ShopContext : DbContext
{
    public ShopContext(DbContextOptions<ShopContext> options) : base(options) { }
    public DbSet<Invoice> Invoices => Set<Invoice>();
}

public class InvoiceRepository
{
    private readonly ShopContext _db;
    public InvoiceRepository(ShopContext db) => _db = db;
    public IQueryable<Invoice> Unpaid() => _db.Invoices.Where(i => !i.Paid);
}
