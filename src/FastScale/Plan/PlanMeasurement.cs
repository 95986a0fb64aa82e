using FastScale.Burst;
using FastScale.Engine.Cloud;
using FastScale.Simulation.Ecs.Instances;

namespace FastScale.Plan;

/// <summary>
/// Reads a finished plan run off its world, with the definitions of <see cref="BurstMeasurement"/> (same fields, same
/// rules for instances created, duplicates, leaks and the floor), so a plan's figures and a burst's mean the same.
/// Taken at t = 0 by <see cref="AtStart"/>, the counts of what a scenario did before (filling a warm pool) are subtracted.
/// </summary>
internal sealed class PlanMeasurement
{
    private static readonly string[] ContractActions = ["RunInstances", "StartInstances", "DescribeInstances", "DeleteInstances"];
    private readonly PlanWorld _world;
    private readonly Dictionary<string, long> _callsAtStart;
    private readonly long _createdAtStart;
    private readonly long _deletedAtStart;
    private readonly long _throttledAtStart;
    private readonly HashSet<string> _idsAtStart;
    private readonly IReadOnlySet<string> _withNodesAtStart;

    private PlanMeasurement(PlanWorld world)
    {
        _world = world;
        var counters = world.Emulator.Counters;
        _callsAtStart = counters.CallsByAction.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        (_createdAtStart, _deletedAtStart, _throttledAtStart) = (counters.InstancesCreated, counters.InstancesDeleted, counters.Throttled);
        _idsAtStart = world.Emulator.Instances().Select(i => i.InstanceId).ToHashSet(StringComparer.Ordinal);
        _withNodesAtStart = world.Kubelets.WithNodes();
        T0 = world.Time.GetUtcNow();
    }

    public DateTimeOffset T0 { get; }

    /// <summary>Starts the measurement now: this moment is t = 0.</summary>
    public static PlanMeasurement AtStart(PlanWorld world) => new(world ?? throw new ArgumentNullException(nameof(world)));

    public BurstRunResult Result(int nodes, int seed, double wallSeconds, bool timedOut)
    {
        var world = _world;
        Func<string, bool> isWarm = world.WarmPools.IsWarm;
        var instances = world.Emulator.Instances().Where(IsOwned).ToList();
        var members = instances.Where(i => !isWarm(i.InstanceId)).ToList();
        var kubelets = world.Kubelets;
        var creates = 0;
        var times = members.Select(instance => new NodeTimes(
            instance.InstanceId,
            Seconds(instance.Latency.RequestedAt),
            Seconds(instance.Latency.RunningAt),
            kubelets.RegisteredAt.TryGetValue(instance.InstanceId, out var registered) ? Seconds(registered) : null,
            kubelets.ReadyAt.TryGetValue(instance.InstanceId, out var ready) ? Seconds(ready) : null,
            BurstFloorCalculator.FloorOf(
                instance.Latency.Kind == LaunchKind.Create ? creates++ : 0, instance, world.Emulator.Profile, _withNodesAtStart.Contains(instance.InstanceId)))).ToList();

        var counters = world.Emulator.Counters;
        var calls = ContractActions.Concat(counters.CallsByAction.Keys).Distinct(StringComparer.Ordinal).ToDictionary(
            action => action, action => Math.Max(0, counters.Calls(action) - _callsAtStart.GetValueOrDefault(action)), StringComparer.Ordinal);
        var firstCall = new[] { counters.FirstCallAt("RunInstances", T0), counters.FirstCallAt("StartInstances", T0) }
            .OfType<DateTimeOffset>().DefaultIfEmpty().Min();
        var withNodes = kubelets.WithNodes();
        var replaced = counters.InstancesDeleted - _deletedAtStart;
        var fromWarmPool = members.Count(i => _idsAtStart.Contains(i.InstanceId));
        var warmCreatedSinceStart = instances.Count(i => isWarm(i.InstanceId) && !_idsAtStart.Contains(i.InstanceId));
        var created = counters.InstancesCreated - _createdAtStart - warmCreatedSinceStart;
        return new BurstRunResult
        {
            Policy = BurstRunner.FastScalePolicy,
            NodesRequested = nodes,
            Instances = times,
            ReadySeconds = [.. times.Where(t => t.ReadySeconds is not null).Select(t => t.ReadySeconds!.Value).Order().Take(nodes)],
            FloorSeconds = [.. times.Take(nodes).Select(t => t.FloorSeconds).Order()],
            FirstCloudCallSeconds = firstCall == default ? null : Seconds(firstCall),
            AllRequestedSeconds = times.Count >= nodes ? times.Take(nodes).Max(t => t.RequestedSeconds) : null,
            CloudCalls = calls,
            Throttled = Math.Max(0, counters.Throttled - _throttledAtStart),
            Retries = world.Launcher.Retries,
            InstancesCreated = created,
            InstancesFromWarmPool = fromWarmPool,
            DuplicateInstances = Math.Max(0, created + fromWarmPool - nodes - replaced),
            LeakedInstances = instances.Count(i => i.Status is not (InstanceStatus.Stopped or InstanceStatus.Stopping)
                && !isWarm(i.InstanceId) && !withNodes.Contains(i.InstanceId)),
            ReplacedNodes = replaced,
            InstancesByOffering = members.GroupBy(i => $"{i.InstanceType}@{i.ZoneId}", StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal),
            DurationSeconds = Seconds(world.Time.GetUtcNow()),
            WallSeconds = wallSeconds,
            TimedOut = timedOut,
        };
    }

    private double Seconds(DateTimeOffset at) => (at - T0).TotalSeconds;

    private bool IsOwned(EcsInstanceSnapshot instance) =>
        instance.Tags.Any(t => t.Key == CloudTags.Cluster && t.Value == _world.Policy.ClusterId)
        && instance.Tags.Any(t => t.Key == CloudTags.ManagedBy && t.Value == CloudTags.ManagedByValue);
}
