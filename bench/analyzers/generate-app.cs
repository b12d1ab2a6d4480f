// Generates a large ASP.NET Core app for the analyzer benchmark: N controllers, each calling a
// service behind an interface, which calls a repository; a share of them block (so the request-path
// rules have work to do) and the rest are clean async code.
// Usage: dotnet run generate-app.cs -- <output directory> <controller count>
using System;
using System.IO;
using System.Text;

var output = args.Length > 0 ? args[0] : throw new ArgumentException("output directory expected");
var count = args.Length > 1 ? int.Parse(args[1]) : 2000;
Directory.CreateDirectory(Path.Combine(output, "Controllers"));
Directory.CreateDirectory(Path.Combine(output, "Services"));

for (var i = 0; i < count; i++)
{
    var blocking = i % 10 == 0;
    File.WriteAllText(Path.Combine(output, "Services", $"Service{i}.cs"), $$"""
        namespace BenchApp.Services;

        public interface IService{{i}}
        {
            Task<string> LoadAsync(int id, CancellationToken cancellationToken);
            string Load(int id);
        }

        public sealed class Service{{i}} : IService{{i}}
        {
            private readonly HttpClient _http;
            public Service{{i}}(HttpClient http) => _http = http;

            public async Task<string> LoadAsync(int id, CancellationToken cancellationToken)
            {
                var text = await _http.GetStringAsync($"https://example.invalid/{{i}}/{id}", cancellationToken);
                return Transform(text);
            }

            public string Load(int id) => {{(blocking ? "_http.GetStringAsync($\"https://example.invalid/{id}\").Result" : "Transform(id.ToString())")}};

            private static string Transform(string text)
            {
                var builder = new System.Text.StringBuilder();
                foreach (var c in text)
                {
                    builder.Append(char.ToUpperInvariant(c));
                }

                return builder.ToString();
            }
        }
        """);

    File.WriteAllText(Path.Combine(output, "Controllers", $"Controller{i}.cs"), $$"""
        using BenchApp.Services;
        using Microsoft.AspNetCore.Mvc;

        namespace BenchApp.Controllers;

        [ApiController]
        [Route("api/items{{i}}")]
        public sealed class Items{{i}}Controller : ControllerBase
        {
            private readonly IService{{i}} _service;
            public Items{{i}}Controller(IService{{i}} service) => _service = service;

            [HttpGet("{id}")]
            public async Task<ActionResult<string>> Get(int id, CancellationToken cancellationToken)
                => await _service.LoadAsync(id, cancellationToken);

            [HttpGet("{id}/sync")]
            public ActionResult<string> GetSync(int id) => _service.Load(id);
        }
        """);
}

var registrations = new StringBuilder();
for (var i = 0; i < count; i++)
{
    registrations.AppendLine($"builder.Services.AddHttpClient<BenchApp.Services.IService{i}, BenchApp.Services.Service{i}>();");
}

File.WriteAllText(Path.Combine(output, "Program.cs"), $$"""
    var builder = WebApplication.CreateBuilder(args);
    builder.Services.AddControllers();
    {{registrations}}
    var app = builder.Build();
    app.MapControllers();
    app.Run();
    """);
Console.WriteLine($"generated {count} controllers and services in {output}");
