namespace FastScale.Burst;

/// <summary>
/// The emulator's counters and instances at t = 0, subtracted from the end figures so that what a scenario does before
/// t = 0 (filling a warm pool) is not counted as the burst's. All zero for a standing start. <see cref="WithNodes"/>: the
/// instances whose Node existed at t = 0 (a warm instance that registered before it was stopped restarts without
/// registering again, and its floor says so).
/// </summary>
internal sealed record CloudCountsAtStart(
    IReadOnlyDictionary<string, long> Calls, long InstancesCreated, long InstancesDeleted, long Throttled, IReadOnlySet<string> InstanceIds,
    IReadOnlySet<string> WithNodes)
{
    public static CloudCountsAtStart Empty { get; } = new(
        new Dictionary<string, long>(StringComparer.Ordinal), 0, 0, 0, new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));

    public static CloudCountsAtStart Take(BurstWorld world, IReadOnlySet<string> withNodes)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(withNodes);
        var counters = world.Ecs.Counters;
        return new CloudCountsAtStart(
            counters.CallsByAction.ToDictionary(c => c.Key, c => Math.Max(0, c.Value - world.KubeletCalls.Calls(c.Key)), StringComparer.Ordinal),
            counters.InstancesCreated,
            counters.InstancesDeleted,
            Math.Max(0, counters.Throttled - world.KubeletCalls.Throttled),
            world.Ecs.Emulator.Instances().Select(i => i.InstanceId).ToHashSet(StringComparer.Ordinal),
            withNodes);
    }
}
