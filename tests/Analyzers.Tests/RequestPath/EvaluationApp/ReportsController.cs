using System.Collections.Generic;
using System.Data.Common;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;

namespace EvaluationApp;

// A synchronous reader loop: the Read is the finding, not the getters it makes possible.
public class ReportsController : ControllerBase
{
    public List<string> Notes(DbCommand command)
    {
        var notes = new List<string>();
        using var reader = command.ExecuteReader(); // HK1003
        while (reader.Read()) // HK1003
        {
            if (!reader.IsDBNull(0)) // clean
            {
                notes.Add(reader.GetFieldValue<string>(0)); // clean
            }
        }

        return notes;
    }

    public async Task<List<int>> Ids(DbCommand command)
    {
        var ids = new List<int>();
        await using var reader = await command.ExecuteReaderAsync(HttpContext.RequestAborted); // clean
        while (await reader.ReadAsync(HttpContext.RequestAborted)) // clean
        {
            ids.Add(reader.GetInt32(0)); // clean
            if (!reader.IsDBNull(1)) // clean
            {
                ids.Add(reader.GetFieldValue<int>(1)); // clean
            }
        }

        return ids;
    }
}
