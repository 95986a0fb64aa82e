using FastScale.Engine.Leadership;
using Microsoft.Extensions.Hosting;

namespace FastScale.Kubernetes.Adapters.Leadership;

/// <summary>
/// Runs a hosted service only while this replica leads and has rebuilt its groups: started at each such term, stopped
/// the moment the term ends (lost lease or shutdown), so a follower never repairs, plans demand, or touches nodes.
/// </summary>
internal sealed class LeaderOnlyService(IHostedService inner, ReplicaRole role, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            if (await role.WaitUntilActiveAsync(Timeout.InfiniteTimeSpan, time, stoppingToken) is not { } term)
            {
                continue;
            }

            await inner.StartAsync(stoppingToken);
            try
            {
                using var running = CancellationTokenSource.CreateLinkedTokenSource(term, stoppingToken);
                await Task.Delay(Timeout.InfiniteTimeSpan, time, running.Token);
            }
            catch (OperationCanceledException)
            {
                // The term ended, or the host stops: either way the inner service stops now.
            }

            await inner.StopAsync(CancellationToken.None);
        }
    }
}
