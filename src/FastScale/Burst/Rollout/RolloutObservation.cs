namespace FastScale.Burst.Rollout;

/// <summary>
/// What the rollout probe sees at one moment: the group's instances that exist (id → image), its Nodes, and the
/// workload's pods, and the group as the autoscaler reads it over gRPC (null: not read). Plain values, so the <see cref="RolloutTracker"/> that turns them into figures is tested without a world.
/// </summary>
internal sealed record RolloutObservation(
    DateTimeOffset At, IReadOnlyDictionary<string, string> InstanceImages, IReadOnlyList<RolloutNodeView> Nodes, IReadOnlyList<RolloutPodView> Pods,
    AutoscalerGroupView? Autoscaler = null);

/// <summary>One Node of the group: its instance, that instance's image, Ready (the provider's definition) and cordoned.</summary>
internal sealed record RolloutNodeView(string InstanceId, string ImageId, bool Ready, bool Cordoned);

/// <summary>One active pod of the workload (not being deleted): bound to a node, and Ready.</summary>
internal sealed record RolloutPodView(string Name, bool Bound, bool Ready);
