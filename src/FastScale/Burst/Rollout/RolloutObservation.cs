namespace FastScale.Burst.Rollout;

/// <summary>
/// What the rollout probe sees at one moment: the group's instances that exist (id → image), its Nodes, and the
/// workload's pods, and the group as the autoscaler reads it over gRPC (null: not read); with the exact times of what
/// happened between samples when the world keeps them. Plain values, so the <see cref="RolloutTracker"/> that turns
/// them into figures is tested without a world.
/// </summary>
internal sealed record RolloutObservation(
    DateTimeOffset At, IReadOnlyDictionary<string, string> InstanceImages, IReadOnlyList<RolloutNodeView> Nodes, IReadOnlyList<RolloutPodView> Pods,
    AutoscalerGroupView? Autoscaler = null, RolloutStamps? Stamps = null);

/// <summary>
/// Per instance id, when things happened, from event-driven sources rather than the samples: launched (the cloud's
/// creation time), its Node first Ready, first cordoned, and deleted (the driver's own Node watch). At a thousand nodes
/// the probe samples every few seconds; a node cordoned, drained and released between two samples would otherwise go
/// uncounted, and every pace figure would be rounded up to the interval.
/// </summary>
internal sealed record RolloutStamps(
    IReadOnlyDictionary<string, DateTimeOffset> LaunchedAt,
    IReadOnlyDictionary<string, DateTimeOffset> ReadyAt,
    IReadOnlyDictionary<string, DateTimeOffset> CordonedAt,
    IReadOnlyDictionary<string, DateTimeOffset> NodeDeletedAt);

/// <summary>One Node of the group: its instance, that instance's image, Ready (the provider's definition) and cordoned.</summary>
internal sealed record RolloutNodeView(string InstanceId, string ImageId, bool Ready, bool Cordoned);

/// <summary>One active pod of the workload (not being deleted): bound to a node, and Ready.</summary>
internal sealed record RolloutPodView(string Name, bool Bound, bool Ready);
