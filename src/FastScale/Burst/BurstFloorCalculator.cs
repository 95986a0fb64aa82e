using FastScale.Engine.Policy;
using FastScale.Simulation.Ecs.Instances;
using FastScale.Simulation.LatencyModel;
using FastScale.Simulation.Nodes;

namespace FastScale.Burst;

/// <summary>
/// The floor of a burst (DESIGN.md §4 <c>floorSeconds</c>): the readiness the latency model alone gives the very nodes of
/// the run if every one had been requested at t = 0, with no API limits and no provider overhead. For the k-th instance
/// created (k from 0), floor = k / provisioningPerSecond (its place in the region's provisioning queue, which is physics,
/// not an API limit) + the provisioning time the emulator sampled for it + the boot, registration and readiness delays
/// its simulated kubelet draws. The last three come from the kubelet's own sampler (seeded by the seed and the instance
/// id), not from <see cref="InstanceLatency.PhasesWithoutQueue"/>: the emulator samples those phases too, but the kubelets
/// follow their own draws, so only theirs say when the node really turns Ready. With the same seed, FastScale and the
/// baseline create the same instance ids with the same samples, so both runs have the same floor.
/// </summary>
internal static class BurstFloorCalculator
{
    public static double FloorOf(int index, EcsInstanceSnapshot instance, NodeGroupPolicy group, LatencyProfile profile, int seed)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(profile);
        var queue = index / profile.ProvisioningPerSecond;
        var node = LifecycleSampler.Sample(profile, group.ImageKind, instance.ImageId, LifecycleSampler.RandomFor(seed, instance.InstanceId));
        return queue + instance.Latency.Provisioning.TotalSeconds + node.Total.TotalSeconds;
    }
}
