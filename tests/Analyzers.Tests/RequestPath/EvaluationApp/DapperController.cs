using System.Data.Common;
using System.Linq;
using System.Threading.Tasks;
using Dapper;
using Microsoft.AspNetCore.Mvc;

namespace EvaluationApp;

// Async twins that are extension methods next to the synchronous ones (Dapper on a connection).
public class LedgerController : ControllerBase
{
    private readonly DbConnection _connection;
    public LedgerController(DbConnection connection) => _connection = connection;

    public IActionResult Sync()
    {
        var rows = _connection.Query<Invoice>("select * from invoices").ToList(); // HK1003
        var first = _connection.QueryFirstOrDefault<Invoice>("select * from invoices limit 1"); // HK1003
        var changed = _connection.Execute("update invoices set paid = true"); // HK1003
        var total = _connection.ExecuteScalar<int>("select count(*) from invoices"); // HK1003
        return Ok(new { rows, first, changed, total });
    }

    public async Task<IActionResult> Async()
    {
        var rows = (await _connection.QueryAsync<Invoice>("select * from invoices")).ToList(); // clean
        var changed = await _connection.ExecuteAsync("update invoices set paid = true"); // clean
        return Ok(new { rows, changed });
    }
}
