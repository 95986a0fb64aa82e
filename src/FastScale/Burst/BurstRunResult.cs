namespace FastScale.Burst;

/// <summary>What one run of a scenario measured (FastScale or the naive baseline). Times in emulated seconds from t = 0.</summary>
internal sealed record BurstRunResult
{
    public required string Policy { get; init; }

    public required int NodesRequested { get; init; }

    /// <summary>Every instance the run created, in creation order.</summary>
    public required IReadOnlyList<NodeTimes> Instances { get; init; }

    /// <summary>The readiness of the first <see cref="NodesRequested"/> nodes to get Ready, ascending (the others never did).</summary>
    public required IReadOnlyList<double> ReadySeconds { get; init; }

    /// <summary>The floor of the first <see cref="NodesRequested"/> instances created, ascending.</summary>
    public required IReadOnlyList<double> FloorSeconds { get; init; }

    /// <summary>Readiness percentiles over the nodes requested: one never Ready counts as never.</summary>
    public PercentileSummary Ready => PercentileSummary.Of(ReadySeconds, NodesRequested);

    /// <summary>The floor's percentiles over its own nodes: the latency model alone gets every one of them Ready.</summary>
    public PercentileSummary Floor => PercentileSummary.Of(FloorSeconds, FloorSeconds.Count);

    public required double? FirstCloudCallSeconds { get; init; }

    /// <summary>Fast mode: when the scheduler's first PodScheduled=False, Unschedulable write was accepted; null otherwise.</summary>
    public double? FirstUnschedulableSeconds { get; init; }

    /// <summary>Fast mode: from the first pod becoming unschedulable to the first cloud call; null when either is missing.</summary>
    public double? UnschedulableToFirstCloudCallSeconds =>
        FirstUnschedulableSeconds is { } unschedulable && FirstCloudCallSeconds is { } call ? call - unschedulable : null;

    public required double? AllRequestedSeconds { get; init; }

    /// <summary>Calls per action made by the provider (or the baseline), the simulated kubelets' polls left out.</summary>
    public required IReadOnlyDictionary<string, long> CloudCalls { get; init; }

    public required long Throttled { get; init; }

    /// <summary>Error answers per code the emulator gave during the run (e.g. InvalidSecurityToken.Expired); empty when none.</summary>
    public IReadOnlyDictionary<string, long> CloudErrors { get; init; } = new Dictionary<string, long>(StringComparer.Ordinal);

    /// <summary>The same calls, and the throttled among them, per emulated second from t = 0.</summary>
    public CloudCallsPerSecond CloudCallsPerSecond { get; init; } = CloudCallsPerSecond.Empty;

    public required long Retries { get; init; }

    public required long InstancesCreated { get; init; }

    /// <summary>Instances in the warm pool at t = 0 that are nodes now (started instead of created).</summary>
    public required long InstancesFromWarmPool { get; init; }

    public required long DuplicateInstances { get; init; }

    public required long LeakedInstances { get; init; }

    public required long ReplacedNodes { get; init; }

    /// <summary>Instances created per offering, <c>instanceType@zone</c>: where a stock-out's fallback went.</summary>
    public required IReadOnlyDictionary<string, long> InstancesByOffering { get; init; }

    /// <summary>Emulated seconds from t = 0 to the end of the run (all Ready, or the timeout).</summary>
    public required double DurationSeconds { get; init; }

    public required double WallSeconds { get; init; }

    public required bool TimedOut { get; init; }

    /// <summary>Whether FastScale's repair of the group was paused by its brake at the end of the run (false for the baseline).</summary>
    public bool RepairPaused { get; init; }

    /// <summary>restart-N: when the provider died and how fast its successor resumed; null in other scenarios.</summary>
    public RestartFigures? Restart { get; init; }

    /// <summary>Scenarios with faults (apiserver-outage, apiserver-slow, ecs-brownout): what they did; null in others.</summary>
    public FaultFigures? Faults { get; init; }

    /// <summary>Rollout scenarios: what the image rollout after the burst did; null in others (and for the baselines).</summary>
    public Rollout.RolloutFigures? Rollout { get; init; }

    public int NodesReady => ReadySeconds.Count;
}
