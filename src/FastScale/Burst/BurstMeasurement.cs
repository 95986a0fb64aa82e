using FastScale.Engine.Policy;

namespace FastScale.Burst;

/// <summary>
/// Reads a finished burst off its world: the emulator's instances and counters (<see cref="RunFigures"/>, whose
/// definitions the plan shares), the driver's node watch for readiness, and the simulated scheduler for when the first
/// pod turned unschedulable. The simulated kubelets' own DescribeInstances polls are not the provider's and are left out.
/// </summary>
internal sealed class BurstMeasurement(
    BurstWorld world, NodeReadinessWatch watch, ScalePolicy policy, DateTimeOffset t0, int nodes,
    CloudCountsAtStart atStart, Func<string, bool> isWarm)
{
    public BurstRunResult Result(string policyName, DateTimeOffset end, double wallSeconds, bool timedOut, long retries)
    {
        var figures = new RunFigures(world.Ecs.Emulator, policy.ClusterId, t0, nodes, atStart, isWarm, world.KubeletCalls)
            .Result(policyName, watch.RegisteredAt, watch.ReadyAt, watch.InstancesWithNodes(), end, wallSeconds, timedOut, retries);
        var unschedulable = world.Nodes.Scheduler?.Counters.FirstUnschedulableAt is { } marked && marked >= t0 ? marked : (DateTimeOffset?)null;
        return figures with { FirstUnschedulableSeconds = unschedulable is { } u ? BurstRunner.Seconds(u, t0) : null };
    }
}
