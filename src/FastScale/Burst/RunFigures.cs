using FastScale.Engine.Cloud;
using FastScale.Simulation.Ecs;
using FastScale.Simulation.Ecs.Instances;

namespace FastScale.Burst;

/// <summary>
/// The figures of one run read off the emulator at its end, with the definitions report.json documents, for both ways of
/// running a scenario: <see cref="BurstMeasurement"/> (over the wire, readiness from the Kubernetes API) and the plan's
/// (in process, readiness from its kubelets). One definition, so a plan's figures and a burst's mean the same:
/// <list type="bullet">
/// <item><c>instancesCreated</c>: instances created after t = 0 for the group's nodes; warm-pool instances (a refill, or
/// a pool filled before t = 0) are not nodes and are left out. <c>instancesFromWarmPool</c>: instances that were in the
/// warm pool at t = 0 and are nodes now.</item>
/// <item><c>duplicateInstances</c>: instances beyond the nodes needed, i.e. created + from the warm pool − requested −
/// replaced (at least 0). A replacement is an instance the provider deleted (repair) and so had to create again.</item>
/// <item><c>leakedInstances</c>: at the end, instances tagged as owned by this cluster that are neither in the warm pool
/// (stopped, stopping, or still being prepared) nor backed by a Node. Stricter than "running": an instance still
/// provisioning without a Node counts too, because the run is over and nothing needs it.</item>
/// <item><c>allRequestedSeconds</c>: when the cloud accepted the request of the last of the first N instances created.</item>
/// </list>
/// </summary>
/// <param name="exempt">Calls that are not the provider's (the simulated kubelets' polls over the wire); null when none.</param>
internal sealed class RunFigures(
    EcsEmulator emulator, string clusterId, DateTimeOffset t0, int nodes, CloudCountsAtStart atStart, Func<string, bool> isWarm, ActionCallCounter? exempt)
{
    private static readonly string[] ContractActions = ["RunInstances", "StartInstances", "DescribeInstances", "DeleteInstances"];

    /// <param name="registeredAt">Instance id → when its Node registered.</param>
    /// <param name="readyAt">Instance id → when its Node first turned Ready (and schedulable).</param>
    /// <param name="withNodes">The instances backed by a Node at the end.</param>
    public BurstRunResult Result(
        string policyName,
        IReadOnlyDictionary<string, DateTimeOffset> registeredAt,
        IReadOnlyDictionary<string, DateTimeOffset> readyAt,
        IReadOnlySet<string> withNodes,
        DateTimeOffset end,
        double wallSeconds,
        bool timedOut,
        long retries)
    {
        ArgumentNullException.ThrowIfNull(registeredAt);
        ArgumentNullException.ThrowIfNull(readyAt);
        ArgumentNullException.ThrowIfNull(withNodes);
        var instances = emulator.Instances().Where(IsOwned).ToList();
        var members = instances.Where(i => !isWarm(i.InstanceId)).ToList();
        var creates = 0;
        var times = members.Select(instance => new NodeTimes(
            instance.InstanceId,
            Seconds(instance.Latency.RequestedAt),
            Seconds(instance.Latency.RunningAt),
            registeredAt.TryGetValue(instance.InstanceId, out var registered) ? Seconds(registered) : null,
            readyAt.TryGetValue(instance.InstanceId, out var ready) ? Seconds(ready) : null,
            BurstFloorCalculator.FloorOf(
                instance.Latency.Kind == LaunchKind.Create || emulator.Profile.StartsWaitInCreateQueue ? creates++ : 0, instance, emulator.Profile, atStart.WithNodes.Contains(instance.InstanceId))))
            .ToList();

        var counters = emulator.Counters;
        var calls = ContractActions.Concat(counters.CallsByAction.Keys).Distinct(StringComparer.Ordinal).ToDictionary(
            action => action,
            action => Math.Max(0, counters.Calls(action) - (exempt?.Calls(action) ?? 0) - atStart.Calls.GetValueOrDefault(action)),
            StringComparer.Ordinal);
        var firstCall = new[] { counters.FirstCallAt("RunInstances", t0), counters.FirstCallAt("StartInstances", t0) }
            .OfType<DateTimeOffset>().DefaultIfEmpty().Min();
        var replaced = counters.InstancesDeleted - atStart.InstancesDeleted;
        var fromWarmPool = members.Count(i => atStart.InstanceIds.Contains(i.InstanceId));
        var warmCreatedSinceStart = instances.Count(i => isWarm(i.InstanceId) && !atStart.InstanceIds.Contains(i.InstanceId));
        var created = counters.InstancesCreated - atStart.InstancesCreated - warmCreatedSinceStart;
        return new BurstRunResult
        {
            Policy = policyName,
            NodesRequested = nodes,
            Instances = times,
            ReadySeconds = [.. times.Where(t => t.ReadySeconds is not null).Select(t => t.ReadySeconds!.Value).Order().Take(nodes)],
            FloorSeconds = [.. times.Take(nodes).Select(t => t.FloorSeconds).Order()],
            FirstCloudCallSeconds = firstCall == default ? null : Seconds(firstCall),
            AllRequestedSeconds = times.Count >= nodes ? times.Take(nodes).Max(t => t.RequestedSeconds) : null,
            CloudCalls = calls,
            Throttled = Math.Max(0, counters.Throttled - (exempt?.Throttled ?? 0) - atStart.Throttled),
            CloudErrors = counters.ErrorsByCode,
            CloudCallsPerSecond = CloudCallsPerSecond.From(counters.MeteredCalls(), t0, end),
            Retries = retries,
            InstancesCreated = created,
            InstancesFromWarmPool = fromWarmPool,
            DuplicateInstances = Math.Max(0, created + fromWarmPool - nodes - replaced),
            LeakedInstances = instances.Count(i => i.Status is not (InstanceStatus.Stopped or InstanceStatus.Stopping)
                && !isWarm(i.InstanceId) && !withNodes.Contains(i.InstanceId)),
            ReplacedNodes = replaced,
            InstancesByOffering = members.GroupBy(i => $"{i.InstanceType}@{i.ZoneId}", StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal),
            DurationSeconds = Seconds(end),
            WallSeconds = wallSeconds,
            TimedOut = timedOut,
        };
    }

    private double Seconds(DateTimeOffset at) => (at - t0).TotalSeconds;

    private bool IsOwned(EcsInstanceSnapshot instance) =>
        instance.Tags.Any(t => t.Key == CloudTags.Cluster && t.Value == clusterId)
        && instance.Tags.Any(t => t.Key == CloudTags.ManagedBy && t.Value == CloudTags.ManagedByValue);
}
