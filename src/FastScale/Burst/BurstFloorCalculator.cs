using FastScale.Simulation.Ecs.Instances;
using FastScale.Simulation.LatencyModel;

namespace FastScale.Burst;

/// <summary>
/// The floor of a burst (report.json's <c>floorSeconds</c>): the readiness the latency model alone gives the very nodes of
/// the run if every one had been requested at t = 0, with no API limits and no provider overhead. It reads the
/// emulator's own samples of each instance's latest launch (<see cref="InstanceLatency"/>), which the simulated kubelets
/// follow too (<c>KubeletSimulatorOptions.LaunchSamples</c>), so floor and actual readiness come from one source.
/// <list type="bullet">
/// <item>A create, the k-th of the run (k from 0): k / provisioningPerSecond (its place in the region's provisioning
/// queue, which is physics, not an API limit) + provisioning + boot + registration + readiness.</item>
/// <item>A start of a warm instance: no regional queue (unless the profile's <c>startsWaitInCreateQueue</c> says starts
/// wait in it like creates; then its place among the queued launches) + provisioning + boot + readiness, plus
/// registration only when its Node did not exist at t = 0 (a restarted kubelet whose Node is there does not register
/// again).</item>
/// </list>
/// With the same seed, FastScale and the baseline create the same instance ids with the same samples (the emulator
/// draws them per instance in creation order), so both runs of a cold scenario have the same floor.
/// </summary>
internal static class BurstFloorCalculator
{
    /// <param name="createIndex">The instance's rank among the run's launches that wait in the region's queue: creates,
    /// and starts too when the profile says they wait (ignored for a start otherwise).</param>
    /// <param name="nodeExisted">Whether the instance's Node existed at t = 0.</param>
    public static double FloorOf(int createIndex, EcsInstanceSnapshot instance, LatencyProfile profile, bool nodeExisted)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(profile);
        var sample = instance.Latency;
        if (sample.Kind == LaunchKind.Start)
        {
            var registration = nodeExisted ? TimeSpan.Zero : sample.Registration;
            var queued = profile.StartsWaitInCreateQueue ? createIndex / profile.ProvisioningPerSecond : 0;
            return queued + (sample.Provisioning + sample.Boot + registration + sample.Readiness).TotalSeconds;
        }

        return (createIndex / profile.ProvisioningPerSecond) + sample.PhasesWithoutQueue.TotalSeconds;
    }
}
