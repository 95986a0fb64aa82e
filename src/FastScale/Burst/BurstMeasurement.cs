using FastScale.Engine.Cloud;
using FastScale.Engine.Policy;
using FastScale.Simulation.Ecs.Instances;

namespace FastScale.Burst;

/// <summary>
/// Reads a finished run off the world: the emulator's instances and counters, the driver's node watch. Definitions:
/// <list type="bullet">
/// <item><c>instancesCreated</c>: instances created after t = 0 for the group's nodes; warm-pool instances (a refill, or
/// a pool filled before t = 0) are not nodes and are left out. <c>instancesFromWarmPool</c>: instances that were in the
/// warm pool at t = 0 and are nodes now.</item>
/// <item><c>duplicateInstances</c>: instances beyond the nodes needed, i.e. created + from the warm pool − requested −
/// replaced (at least 0). A replacement is an instance the provider deleted (repair) and so had to create again.</item>
/// <item><c>leakedInstances</c>: at the end, instances tagged as owned by this cluster that are neither in the warm pool
/// (stopped, stopping, or still being prepared) nor backed by a Node. Stricter than "running": an instance still provisioning without a Node
/// counts too, because the burst is over and nothing needs it.</item>
/// <item><c>allRequestedSeconds</c>: when the cloud accepted the request of the last of the first N instances created.</item>
/// </list>
/// </summary>
internal sealed class BurstMeasurement(
    BurstWorld world, NodeReadinessWatch watch, ScalePolicy policy, DateTimeOffset t0, int nodes,
    CloudCountsAtStart atStart, Func<string, bool> isWarm)
{
    private static readonly string[] ContractActions = ["RunInstances", "StartInstances", "DescribeInstances", "DeleteInstances"];

    public BurstRunResult Result(string policyName, DateTimeOffset end, double wallSeconds, bool timedOut, long retries)
    {
        var instances = world.Ecs.Emulator.Instances().Where(IsOwned).ToList();
        var members = instances.Where(i => !isWarm(i.InstanceId)).ToList();
        var creates = 0;
        var times = members.Select(instance => new NodeTimes(
            instance.InstanceId,
            BurstRunner.Seconds(instance.Latency.RequestedAt, t0),
            BurstRunner.Seconds(instance.Latency.RunningAt, t0),
            watch.RegisteredAt.TryGetValue(instance.InstanceId, out var registered) ? BurstRunner.Seconds(registered, t0) : null,
            watch.ReadyAt.TryGetValue(instance.InstanceId, out var ready) ? BurstRunner.Seconds(ready, t0) : null,
            BurstFloorCalculator.FloorOf(
                instance.Latency.Kind == LaunchKind.Create ? creates++ : 0, instance, world.Profile, atStart.WithNodes.Contains(instance.InstanceId))))
            .ToList();

        var counters = world.Ecs.Counters;
        var calls = ContractActions.Concat(counters.CallsByAction.Keys).Distinct(StringComparer.Ordinal).ToDictionary(
            action => action,
            action => Math.Max(0, counters.Calls(action) - world.KubeletCalls.Calls(action) - atStart.Calls.GetValueOrDefault(action)),
            StringComparer.Ordinal);
        var firstCall = new[] { counters.FirstCallAt("RunInstances", t0), counters.FirstCallAt("StartInstances", t0) }
            .OfType<DateTimeOffset>().DefaultIfEmpty().Min();
        var unschedulable = world.Nodes.Scheduler?.Counters.FirstUnschedulableAt is { } marked && marked >= t0 ? marked : (DateTimeOffset?)null;
        var withNodes = watch.InstancesWithNodes();
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
            FirstCloudCallSeconds = firstCall == default ? null : BurstRunner.Seconds(firstCall, t0),
            FirstUnschedulableSeconds = unschedulable is { } u ? BurstRunner.Seconds(u, t0) : null,
            AllRequestedSeconds = times.Count >= nodes ? times.Take(nodes).Max(t => t.RequestedSeconds) : null,
            CloudCalls = calls,
            Throttled = Math.Max(0, counters.Throttled - world.KubeletCalls.Throttled - atStart.Throttled),
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
            DurationSeconds = BurstRunner.Seconds(end, t0),
            WallSeconds = wallSeconds,
            TimedOut = timedOut,
        };
    }

    private bool IsOwned(EcsInstanceSnapshot instance) =>
        instance.Tags.Any(t => t.Key == CloudTags.Cluster && t.Value == policy.ClusterId)
        && instance.Tags.Any(t => t.Key == CloudTags.ManagedBy && t.Value == CloudTags.ManagedByValue);
}
