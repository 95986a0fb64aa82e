using FastScale.Simulation.Ecs;

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
        return Take(world.Ecs.Emulator, world.KubeletCalls, withNodes);
    }

    /// <param name="exempt">Calls that are not the provider's (the simulated kubelets' over the wire); null when none.</param>
    public static CloudCountsAtStart Take(EcsEmulator emulator, ActionCallCounter? exempt, IReadOnlySet<string> withNodes)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        ArgumentNullException.ThrowIfNull(withNodes);
        var counters = emulator.Counters;
        return new CloudCountsAtStart(
            counters.CallsByAction.ToDictionary(c => c.Key, c => Math.Max(0, c.Value - (exempt?.Calls(c.Key) ?? 0)), StringComparer.Ordinal),
            counters.InstancesCreated,
            counters.InstancesDeleted,
            Math.Max(0, counters.Throttled - (exempt?.Throttled ?? 0)),
            emulator.Instances().Select(i => i.InstanceId).ToHashSet(StringComparer.Ordinal),
            withNodes);
    }
}
