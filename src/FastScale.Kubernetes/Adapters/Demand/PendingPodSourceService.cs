using Microsoft.Extensions.Hosting;

namespace FastScale.Kubernetes.Adapters.Demand;

/// <summary>Runs the pod informer behind <see cref="KubernetesPendingPodSource"/> for the life of the host.</summary>
internal sealed class PendingPodSourceService(KubernetesPendingPodSource source) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => source.RunAsync(stoppingToken);
}
