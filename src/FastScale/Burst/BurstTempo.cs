using System.Globalization;

namespace FastScale.Burst;

/// <summary>
/// The pace of the cluster around the provider in a burst: how fast the ReplicaSet controller creates the pods, how
/// fast the scheduler writes its bindings, and how long each API write takes. <see cref="Instant"/> (the default) is
/// the scenario as it always ran: every pod in the store at t = 0, a scheduler and API server as fast as the process.
/// A real cluster has a tempo, and fast mode must not over-provision or flood the cloud with small calls under it.
/// </summary>
/// <param name="PodQps">The ReplicaSet controller's client rate; null: every pod at t = 0, written straight into the store.</param>
/// <param name="PodBurst">That client's burst.</param>
/// <param name="SchedulerQps">The scheduler's client rate for its writes (binds, Unschedulable conditions); 0: unpaced.</param>
/// <param name="SchedulerBurst">That client's burst.</param>
/// <param name="ApiWriteLatency">How long every write to the API server takes.</param>
internal sealed record BurstTempo(double? PodQps, int PodBurst, double SchedulerQps, int SchedulerBurst, TimeSpan ApiWriteLatency)
{
    /// <summary>Every pod at t = 0, nothing paced: how every scenario ran before tempos, and still the default.</summary>
    public static BurstTempo Instant { get; } = new(null, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Kubernetes' own defaults: kube-controller-manager's <c>--kube-api-qps 20</c> / <c>--kube-api-burst 30</c>, and
    /// kube-scheduler's <c>clientConnection</c> qps 50 / burst 100 (both in the Kubernetes component reference pages).
    /// </summary>
    public static BurstTempo Kubernetes { get; } = new(20, 30, 50, 100, TimeSpan.Zero);

    /// <summary>
    /// A control plane tuned for thousand-node scale-outs: both clients at 800 QPS with burst 1000, the values ACK's
    /// ContainerOS scale-out guidance gives (cited in the README's tempo section).
    /// </summary>
    public static BurstTempo Tuned { get; } = new(800, 1000, 800, 1000, TimeSpan.Zero);

    /// <summary>The names <c>--tempo</c> takes.</summary>
    public static IReadOnlyDictionary<string, BurstTempo> Named { get; } = new Dictionary<string, BurstTempo>(StringComparer.Ordinal)
    {
        ["instant"] = Instant,
        ["kubernetes"] = Kubernetes,
        ["tuned"] = Tuned,
    };

    public bool IsInstant => PodQps is null && SchedulerQps == 0 && ApiWriteLatency == TimeSpan.Zero;

    /// <summary>One line for the console and the report: "pods 20/s (burst 30), scheduler 50/s (burst 100), writes 0 ms".</summary>
    public string Describe() => IsInstant
        ? "instant (every pod at t = 0, scheduler unpaced)"
        : string.Create(CultureInfo.InvariantCulture,
            $"pods {(PodQps is { } q ? $"{q:0.##}/s (burst {PodBurst})" : "all at t = 0")}, scheduler {(SchedulerQps > 0 ? $"{SchedulerQps:0.##}/s (burst {SchedulerBurst})" : "unpaced")}, API writes {ApiWriteLatency.TotalMilliseconds:0.##} ms");

    /// <returns>Every problem, empty when valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (PodQps is { } qps && !(qps > 0 && double.IsFinite(qps)))
        {
            problems.Add($"--pod-qps: expected a number > 0, got {qps.ToString(CultureInfo.InvariantCulture)}");
        }

        if (PodQps is not null && PodBurst < 1)
        {
            problems.Add($"--pod-burst: expected an integer ≥ 1, got {PodBurst}");
        }

        if (!(SchedulerQps >= 0 && double.IsFinite(SchedulerQps)))
        {
            problems.Add($"--scheduler-qps: expected a number ≥ 0 (0: unpaced), got {SchedulerQps.ToString(CultureInfo.InvariantCulture)}");
        }

        if (SchedulerQps > 0 && SchedulerBurst < 1)
        {
            problems.Add($"--scheduler-burst: expected an integer ≥ 1, got {SchedulerBurst}");
        }

        if (ApiWriteLatency < TimeSpan.Zero || ApiWriteLatency > TimeSpan.FromSeconds(10))
        {
            problems.Add($"--api-write-latency: expected a duration from 0 to 10s, got {ApiWriteLatency}");
        }

        return problems;
    }
}
