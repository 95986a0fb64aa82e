using FastScale.Simulation.Ecs.Instances;

namespace FastScale.Simulation.Nodes;

/// <summary>How the simulated kubelets behave. <see cref="Validate"/> reports every problem at once.</summary>
public sealed class KubeletSimulatorOptions
{
    /// <summary>How often the cloud is asked for the cluster's instances. Default 1 s (ECS asks for 1–2 s per batch).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Wait before retrying a Node create, patch or delete that failed. Default 1 s.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Kubernetes API calls in flight at once. Default 16.</summary>
    public int Parallelism { get; set; } = 16;

    /// <summary>Seed of the per-instance latency samples: the same seed and instance id give the same delays. Default 1.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>
    /// The ECS emulator's own samples of an instance's latest launch, when the kubelets run beside it (the embedded
    /// world): then each kubelet follows the boot, registration and readiness the emulator drew, from the moment the
    /// emulator has the instance Running (not from when a poll saw it), so a load test's floor, computed from the same
    /// samples, and the actual readiness agree. Null (the default, and for an instance it does not know): each kubelet
    /// draws its own delays (seeded by <see cref="Seed"/> and the instance id) from when it sees the instance Running.
    /// </summary>
    public Func<string, InstanceLatency?>? LaunchSamples { get; set; }

    /// <summary>How often each Ready node's Lease in <c>kube-node-lease</c> is renewed, as kubelet's
    /// <c>nodeLeaseRenewInterval</c>. Default 10 s: 1,000 nodes make about 100 lease writes a second.</summary>
    public TimeSpan NodeLeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The Lease's <c>leaseDurationSeconds</c>: how long a node lifecycle controller waits for a renewal before
    /// it marks the node Unknown. Default 40 s (kubelet's default); must exceed <see cref="NodeLeaseRenewInterval"/>.</summary>
    public TimeSpan NodeLeaseDuration { get; set; } = TimeSpan.FromSeconds(40);

    /// <summary>How often a Ready node's status is posted again (the Ready condition's lastHeartbeatTime), as kubelet's
    /// <c>nodeStatusReportFrequency</c>. Default 1 min: the Lease is the cheap liveness signal, the status the slow one.</summary>
    public TimeSpan NodeStatusUpdateInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Each kubelet's own Kubernetes API budget: requests a second, as kubelet's <c>kubeAPIQPS</c>. 0 leaves the kubelets
    /// unpaced. Default 50, kubelet's default since Kubernetes 1.27 (raised from 5 by kubernetes/kubernetes#116121,
    /// "Bump default API QPS limits for Kubelet"; https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/
    /// lists "kubeAPIQPS … Default: 50"). Every kubelet has a bucket of its own, so 1,000 nodes are not held to one
    /// client's budget: give them an unpaced shared client.
    /// </summary>
    public double KubeApiQps { get; set; } = 50;

    /// <summary>Requests a kubelet may send at once after a quiet spell, as kubelet's <c>kubeAPIBurst</c>. Used when
    /// <see cref="KubeApiQps"/> is set. Default 100, kubelet's default since 1.27 (same sources: "kubeAPIBurst …
    /// Default: 100").</summary>
    public int KubeApiBurst { get; set; } = 100;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>(ApiTokenBucket.Validate(nameof(KubeApiQps), KubeApiQps, nameof(KubeApiBurst), KubeApiBurst));
        if (PollInterval <= TimeSpan.Zero)
        {
            problems.Add($"PollInterval must be positive, got {PollInterval}");
        }

        if (RetryDelay <= TimeSpan.Zero)
        {
            problems.Add($"RetryDelay must be positive, got {RetryDelay}");
        }

        if (Parallelism < 1)
        {
            problems.Add($"Parallelism must be at least 1, got {Parallelism}");
        }

        if (NodeLeaseRenewInterval <= TimeSpan.Zero)
        {
            problems.Add($"NodeLeaseRenewInterval must be positive, got {NodeLeaseRenewInterval}");
        }

        if (NodeLeaseDuration < TimeSpan.FromSeconds(1) || NodeLeaseDuration.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            problems.Add($"NodeLeaseDuration must be a whole number of seconds, at least 1, got {NodeLeaseDuration}");
        }

        if (NodeLeaseRenewInterval >= NodeLeaseDuration)
        {
            problems.Add($"NodeLeaseRenewInterval ({NodeLeaseRenewInterval}) must be shorter than NodeLeaseDuration ({NodeLeaseDuration}), or every lease expires between renewals");
        }

        if (NodeStatusUpdateInterval <= TimeSpan.Zero)
        {
            problems.Add($"NodeStatusUpdateInterval must be positive, got {NodeStatusUpdateInterval}");
        }

        return problems;
    }
}
