using System.Diagnostics;

namespace ConsistencyApp.Services;

public sealed class Pricing
{
    private readonly HttpClient _http = new();

    /// <summary>A singleton: read in the first request that resolves it.</summary>
    private readonly string _table = File.ReadAllText("rates.csv");

    public async Task<string> RateAsync(string currency)
        => await _http.GetStringAsync("https://rates.example.com/" + currency);

    /// <summary>Reached from a controller in another file.</summary>
    public void Throttle() => Thread.Sleep(500);

    /// <summary>Reached from a controller in another file: the snapshot stays on one dyno until its restart.</summary>
    public void Snapshot(string id) => File.WriteAllText("snapshots/" + id + ".json", _table);

    public void Render() => Process.Start("convert", "invoice.pdf")!.WaitForExit();
}
