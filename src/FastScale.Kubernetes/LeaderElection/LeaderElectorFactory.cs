using FastScale.Kubernetes.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastScale.Kubernetes.LeaderElection;

public static class LeaderElectorFactory
{
    /// <param name="random">Jitter source in [0, 1); pass a seeded one for deterministic runs.</param>
    public static ILeaderElector Create(
        IKubernetesApiClient client,
        LeaderElectionOptions options,
        LeaderElectionCallbacks? callbacks = null,
        TimeProvider? timeProvider = null,
        Func<double>? random = null,
        ILoggerFactory? loggerFactory = null)
    {
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Leader election options: " + string.Join("; ", problems), nameof(options));
        }

        return new LeaderElector(
            client,
            options,
            callbacks ?? new LeaderElectionCallbacks(),
            timeProvider ?? TimeProvider.System,
            random ?? new Random().NextDouble,
            (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("FastScale.Kubernetes.LeaderElection"));
    }
}
