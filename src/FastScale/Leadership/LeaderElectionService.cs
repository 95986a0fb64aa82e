using FastScale.Engine.Leadership;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.LeaderElection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FastScale.Leadership;

/// <summary>
/// Runs the Lease elector for the life of the host and tells the <see cref="ReplicaRole"/> what it decided. Registered
/// before the reconciler, so the host stops it after the reconciler: in-flight cloud calls finish first, then the lease
/// is released (with <see cref="LeaderElectionOptions.ReleaseOnCancel"/>) and a follower takes over at its next retry.
/// </summary>
internal sealed class LeaderElectionService(
    IKubernetesApiClient client, LeaderElectionOptions options, ReplicaRole role, TimeProvider time, ILoggerFactory logging) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var random = new Random(options.Identity.GetHashCode(StringComparison.Ordinal));
        var elector = LeaderElectorFactory.Create(client, options, new LeaderElectionCallbacks
        {
            OnStartedLeading = _ => role.Lead(),
            OnStoppedLeading = role.Follow,
            OnNewLeader = role.Observe,
        }, time, random.NextDouble, logging);
        return elector.RunAsync(stoppingToken);
    }
}
