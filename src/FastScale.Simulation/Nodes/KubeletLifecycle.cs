using FastScale.Simulation.Ecs.Instances;
using FastScale.Simulation.LatencyModel;

namespace FastScale.Simulation.Nodes;

/// <summary>
/// What a kubelet does next when the cloud reports its instance's status, and when: the one definition of the node
/// lifecycle the emulated world plays. The <see cref="KubeletSimulator"/> carries the outcome out over the Kubernetes
/// API; a plan carries it out in memory on a virtual clock. Both must move a node through the same phases after the
/// same delays, or a plan would predict a different burst than the one it plans for.
/// </summary>
/// <remarks>
/// An instance seen Running for the first time registers after boot + registration and turns Ready after readiness; one
/// the fault plan marks never registers; one started again after a stop reports Ready after boot + readiness when its
/// Node survived the stop (it is not registered again), else registers anew; a stopping or stopped one goes down. The
/// delays are the emulator's own samples of the launch, counted from the moment it had the instance Running, when it
/// knows the launch, so plan, burst and the floor share one source; else a draw from the profile counted from now.
/// </remarks>
internal sealed class KubeletLifecycle(LatencyProfile profile, FaultPlan faults)
{
    private readonly LatencyProfile _profile = profile;
    private readonly FaultPlan _faults = faults;

    /// <summary>
    /// The kubelet's next phase for the instance status the cloud reports, with when its next step is due (null: none)
    /// and the readiness delay to wait once registered; null when the status changes nothing for this phase.
    /// </summary>
    /// <param name="kubelet">The kubelet's identity, phase and random source.</param>
    /// <param name="status">The instance's ECS status (Pending, Starting, Running, Stopping, Stopped).</param>
    /// <param name="launch">The emulator's samples of this launch, when known.</param>
    /// <param name="now">The moment the status was read.</param>
    public KubeletMove? OnCloudStatus(KubeletView kubelet, string status, InstanceLatency? launch, DateTimeOffset now)
    {
        switch (status)
        {
            case "Running" when kubelet.Phase is SimulatedNodePhase.Provisioning:
                if (_faults.NeverRegisters(kubelet.InstanceId, kubelet.ImageId))
                {
                    return new KubeletMove(SimulatedNodePhase.NeverRegisters, null, TimeSpan.Zero);
                }

                var (sample, bootFrom) = Sample(kubelet, launch, now);
                return new KubeletMove(SimulatedNodePhase.Booting, bootFrom + sample.Boot + sample.Registration, sample.Readiness);
            case "Running" when kubelet.Phase is SimulatedNodePhase.Stopped:
                var (restart, restartFrom) = Sample(kubelet, launch, now);
                return kubelet.NodeExists
                    ? new KubeletMove(SimulatedNodePhase.Restarting, restartFrom + restart.Boot + restart.Readiness, restart.Readiness)
                    : new KubeletMove(SimulatedNodePhase.Booting, restartFrom + restart.Boot + restart.Registration, restart.Readiness);
            case "Stopping" or "Stopped" when kubelet.Phase is SimulatedNodePhase.Provisioning or SimulatedNodePhase.Booting
                or SimulatedNodePhase.Registered or SimulatedNodePhase.Ready or SimulatedNodePhase.Restarting:
                return new KubeletMove(SimulatedNodePhase.Stopped, null, TimeSpan.Zero);
            default:
                return null;
        }
    }

    /// <summary>The phase a due step leads to: a booting kubelet registers, a registered or restarted one turns Ready;
    /// null for a phase with no timed step.</summary>
    public static SimulatedNodePhase? AfterStep(SimulatedNodePhase phase) => phase switch
    {
        SimulatedNodePhase.Booting => SimulatedNodePhase.Registered,
        SimulatedNodePhase.Registered or SimulatedNodePhase.Restarting => SimulatedNodePhase.Ready,
        _ => null,
    };

    /// <summary>The profile's draw for a kubelet whose launch the emulator does not know (an adopted Node).</summary>
    public NodeLifecycleSample Draw(KubeletView kubelet) => LifecycleSampler.Sample(_profile, kubelet.ImageKind, kubelet.ImageId, kubelet.Random);

    private (NodeLifecycleSample Sample, DateTimeOffset From) Sample(KubeletView kubelet, InstanceLatency? launch, DateTimeOffset now) =>
        launch is not null && launch.RunningAt <= now
            ? (new NodeLifecycleSample(launch.Boot, launch.Registration, launch.Readiness), launch.RunningAt)
            : (Draw(kubelet), now);
}

/// <summary>What <see cref="KubeletLifecycle"/> needs to know of one kubelet.</summary>
/// <param name="ImageKind">The group's declared image kind, when the policy declares one.</param>
/// <param name="ImageId">The instance's image, for the profile's image rules.</param>
internal readonly record struct KubeletView(
    string InstanceId, SimulatedNodePhase Phase, bool NodeExists, string? ImageKind, string? ImageId, Random Random);

/// <summary>A kubelet's next phase, when its next step is due (null: none) and how long it waits from registration to Ready.</summary>
internal readonly record struct KubeletMove(SimulatedNodePhase Phase, DateTimeOffset? DueAt, TimeSpan ReadinessDelay);
