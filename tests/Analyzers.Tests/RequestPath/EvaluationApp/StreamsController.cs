using System;
using System.IO;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace EvaluationApp;

// Writes awaiting cannot improve (memory, the console) next to real I/O.
public class StreamsController : ControllerBase
{
    public IActionResult Export(byte[] buffer)
    {
        Console.Out.WriteLine("export"); // clean
        Console.Error.Write("export"); // clean
        Console.Out.Flush(); // clean
        var log = Console.Out;
        log.WriteLine("again"); // clean

        using var ms = new MemoryStream();
        ms.Write(buffer, 0, buffer.Length); // clean
        using var writer = new StreamWriter(ms, Encoding.UTF8, 1024, leaveOpen: true);
        writer.Write("total"); // clean
        writer.Flush(); // clean
        JsonSerializer.Serialize(ms, new { buffer.Length }); // clean
        ms.Position = 0;
        using var reader = new StreamReader(new MemoryStream(buffer));
        var text = reader.ReadToEnd(); // clean
        var words = new StringReader(text).ReadLine(); // clean

        ms.CopyTo(Response.Body); // HK1003
        var body = new StreamReader(Request.Body).ReadToEnd(); // HK1003
        using var file = new StreamReader("export.txt");
        var saved = file.ReadToEnd(); // HK1003
        return Ok(text + words + body + saved);
    }
}
