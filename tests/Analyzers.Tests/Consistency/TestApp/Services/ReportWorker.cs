namespace ConsistencyApp.Services;

/// <summary>A hosted service (Program.cs registers it) whose StopAsync waits without its token.</summary>
public sealed class ReportWorker : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(10));
    }
}
