namespace HerokuSample.Services;

/// <summary>Background work: no request waits for it, so blocking here is not an H12 risk.</summary>
public sealed class ReportWorker : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        return Task.Run(() =>
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // Blocks this background thread, but wakes as soon as Heroku's SIGTERM stops the host (R12).
                stoppingToken.WaitHandle.WaitOne(TimeSpan.FromMinutes(1));
            }
        }, stoppingToken);
    }
}
