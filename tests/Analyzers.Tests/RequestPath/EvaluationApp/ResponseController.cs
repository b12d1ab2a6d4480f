using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace EvaluationApp;

// HK1006: writes to the response end with the client; other work runs on after it.
public class ResponseController : ControllerBase
{
    private readonly HttpClient _http = new();

    public async Task Stream(string url)
    {
        await Response.WriteAsync("start"); // clean
        var bytes = Encoding.UTF8.GetBytes("body");
        await Response.Body.WriteAsync(bytes); // clean
        var body = HttpContext.Response.Body;
        await body.FlushAsync(); // clean
        await Response.WriteAsJsonAsync(new { url }); // clean
        await using var writer = new System.IO.StreamWriter(Response.Body);
        await writer.FlushAsync(); // clean
        await using var file = System.IO.File.OpenRead("page.html");
        await file.CopyToAsync(Response.Body); // clean
        await System.Text.Json.JsonSerializer.SerializeAsync(Response.Body, new { url }); // clean
        await file.CopyToAsync(System.IO.Stream.Null); // HK1006
        await Task.Delay(100); // HK1006
        var page = await _http.GetStringAsync(url); // HK1006
        await Response.WriteAsync(page, HttpContext.RequestAborted); // clean
    }
}
