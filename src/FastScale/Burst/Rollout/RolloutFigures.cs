namespace FastScale.Burst.Rollout;

/// <summary>
/// What a rollout scenario measured, in emulated seconds from the image change (the policy file's rewrite) unless
/// named otherwise. Null figures were not reached (the rollout never finished, no scale-out).
/// </summary>
internal sealed record RolloutFigures
{
    public required string OldImageId { get; init; }

    public required string NewImageId { get; init; }

    /// <summary>The group's Ready nodes when the image changed, all old-template.</summary>
    public required int GroupNodes { get; init; }

    /// <summary>The workload: pods and ReplicaSets (each with its budget).</summary>
    public required int Pods { get; init; }

    public required int ReplicaSets { get; init; }

    /// <summary>When the image changed, from the burst's t = 0 (the N nodes had been Ready and the pods Ready before).</summary>
    public required double ChangedAtSeconds { get; init; }

    /// <summary>From the change until no old-template node or instance of the group remained and every pod was Ready; null if never.</summary>
    public double? DurationSeconds { get; init; }

    /// <summary>How long the run watched after the change (the rollout's end, its deadline, or a broken run's halt watch).</summary>
    public required double WatchedSeconds { get; init; }

    /// <summary>Old-template instances of the group deleted.</summary>
    public required int NodesReplaced { get; init; }

    /// <summary>New-template instances created for the group (replacements, and a scale-out's nodes).</summary>
    public required int ReplacementsLaunched { get; init; }

    /// <summary>Old-template nodes ever seen cordoned.</summary>
    public required int OldNodesCordoned { get; init; }

    /// <summary>Most of the group's nodes unavailable at once: below the count at the change, counting only Ready uncordoned nodes.</summary>
    public required int MaxNodesUnavailable { get; init; }

    public required int MaxPodsPending { get; init; }

    /// <summary>Time with at least one workload pod not bound to a node, and the longest a single pod waited.</summary>
    public required double PodsPendingSeconds { get; init; }

    public required double LongestPodPendingSeconds { get; init; }

    /// <summary>Evictions the API server granted, and refused with 429 because a budget allowed no disruption (the drainer retries those).</summary>
    public required long EvictionsAllowed { get; init; }

    public required long EvictionsRefused { get; init; }

    /// <summary>Times an eviction left a budget below what it desires: must be 0.</summary>
    public required long PdbViolations { get; init; }

    /// <summary>The same breach by a plain DELETE (a force drain, or pods lost with their node): must be 0.</summary>
    public required long DeleteBudgetViolations { get; init; }

    /// <summary>At the end, replicas asked for and not Ready: must be 0.</summary>
    public required int PodsLost { get; init; }

    /// <summary>
    /// Policy reloads the provider applied after the change (its reloader's generation, less the one it started with):
    /// 1 when it took the new image. 0 means the change never reached it, whatever the rest says.
    /// </summary>
    public long PolicyReloadsApplied { get; init; }

    /// <summary>Kubernetes Events with reason RolloutHalted the provider posted.</summary>
    public required int HaltEvents { get; init; }

    public required IReadOnlyList<RolloutSample> Timeline { get; init; }

    /// <summary>Why the provider halted a rollout whose image works, with what the world knew of the replacement it named; null: no such halt.</summary>
    public string? HaltReason { get; init; }

    /// <summary>The group as the autoscaler read it over gRPC each sample (null: not read).</summary>
    public AutoscalerConsistency? Autoscaler { get; init; }

    public ScaleOutFigures? ScaleOut { get; init; }

    /// <summary>The same scale-out on the same world without the image change (rollout-scaleout-N runs both).</summary>
    public ScaleOutFigures? ScaleOutWithoutRollout { get; init; }

    /// <summary>The scale-out's P90 with the rollout over its P90 without; null unless both were reached.</summary>
    public double? ScaleOutP90Ratio =>
        ScaleOut?.Ready.P90 is { } with && ScaleOutWithoutRollout?.Ready.P90 is { } without && without > 0 ? with / without : null;

    /// <summary>
    /// What the rollout added to the scale-out's P90, free of the latency draws: the P90 of the seconds the provider and
    /// the region's queue added to each new node (<see cref="ScaleOutFigures.AddedSeconds"/>) with the rollout, less the
    /// same without it, as a share of the P90 without it. Null unless both runs launched nodes for the scale-out.
    /// </summary>
    public double? ScaleOutAddedShare =>
        ScaleOut?.AddedP90 is { } with && ScaleOutWithoutRollout is { AddedP90: { } without, Ready.P90: { } p90 } && p90 > 0 ? (with - without) / p90 : null;

    /// <summary>Replacements' seconds from launch to Ready, sampled (see <see cref="RolloutTracker.ReplacementSeconds"/>).</summary>
    public IReadOnlyList<double> ReplacementSeconds { get; init; } = [];

    /// <summary>Old nodes' seconds from cordon to gone, sampled (see <see cref="RolloutTracker.DrainSeconds"/>).</summary>
    public IReadOnlyList<double> DrainSeconds { get; init; } = [];

    public double? ReplacementP90 => ReplacementSeconds.Count > 0 ? Percentiles.Of([.. ReplacementSeconds.Order()], 0.9, ReplacementSeconds.Count) : null;

    public double? DrainP50 => DrainSeconds.Count > 0 ? Percentiles.Of([.. DrainSeconds.Order()], 0.5, DrainSeconds.Count) : null;

    public double? DrainP90 => DrainSeconds.Count > 0 ? Percentiles.Of([.. DrainSeconds.Order()], 0.9, DrainSeconds.Count) : null;

    /// <summary>
    /// The yardstick for a rollout's duration: batches (the group over its surge batch, rounded up) times a
    /// batch's replacement P90 plus its drain P90 (a batch waits on its slow members, so both are taken at the same
    /// percentile). A rollout that took much longer waited on something else: the controller, the API, budgets.
    /// </summary>
    public double? ExpectedSeconds => ReplacementP90 is { } replacement && DrainP90 is { } drain
        ? Math.Ceiling((double)GroupNodes / RolloutSpec.SurgeBatch(GroupNodes)) * (replacement + drain)
        : null;

    /// <summary>How far a rollout may run past <see cref="ExpectedSeconds"/> (issue 16: by at most 20 %).</summary>
    public const double DurationTolerance = 1.2;

    /// <summary>Duration over <see cref="ExpectedSeconds"/>; null unless both are known.</summary>
    public double? DurationRatio => DurationSeconds is { } d && ExpectedSeconds is { } e && e > 0 ? d / e : null;

    public bool Finished => DurationSeconds is not null;
}
