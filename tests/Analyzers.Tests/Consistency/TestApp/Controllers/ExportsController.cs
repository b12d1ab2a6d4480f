using Microsoft.AspNetCore.Mvc;

namespace ConsistencyApp.Controllers;

[ApiController]
[Route("exports")]
public sealed class ExportsController : AppController
{
    /// <summary>Writes the export to the dyno's disk and links to it with the scheme no forwarded headers set.</summary>
    [HttpPost("{id}")]
    public string Export(string id, [FromBody] string csv)
    {
        System.IO.File.WriteAllText("exports/" + id + ".csv", csv);
        return $"{Request.Scheme}://{Request.Host}/exports/{id}.csv";
    }
}
