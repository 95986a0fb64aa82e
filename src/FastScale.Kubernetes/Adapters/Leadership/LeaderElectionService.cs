using FastScale.Engine.Leadership;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.LeaderElection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FastScale.Kubernetes.Adapters.Leadership;

/// <summary>
/// Runs the Lease elector for the life of the host and tells the <see cref="ReplicaRole"/> what it decided. Registered
/// before the reconciler, so the host stops it after the reconciler: in-flight cloud calls finish first, then the lease
/// is released (with <see cref="LeaderElectionOptions.ReleaseOnCancel"/>) and a follower takes over at its next retry.
/// With <paramref name="competeAfter"/> (the <see cref="LeaderPodLabel"/>'s start-up clear) the elector competes only
/// once that task completes, so a restarted container never sits in the leader's Service with a stale label.
/// </summary>
internal sealed class LeaderElectionService(
    IKubernetesApiClient client, LeaderElectionOptions options, ReplicaRole role, TimeProvider time, ILoggerFactory logging,
    Task? competeAfter = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (competeAfter is not null)
        {
            await competeAfter.WaitAsync(stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }

        var random = new Random(options.Identity.GetHashCode(StringComparison.Ordinal));
        var elector = LeaderElectorFactory.Create(client, options, new LeaderElectionCallbacks
        {
            OnStartedLeading = _ => role.Lead(),
            OnStoppedLeading = role.Follow,
            OnNewLeader = role.Observe,
        }, time, random.NextDouble, logging);
        await elector.RunAsync(stoppingToken);
    }
}
