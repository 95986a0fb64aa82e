namespace FastScale.Simulation.Ecs.Instances;

/// <summary>
/// The latency model's own samples for an instance's latest launch, drawn by the emulator when it accepted the call:
/// the wait in the regional provisioning queue, provisioning to Running, then OS boot, kubelet registration and Node
/// readiness. The kubelet simulation follows <see cref="Boot"/>, <see cref="Registration"/> and <see cref="Readiness"/>,
/// and a load test computes the floor (report.json's <c>floorSeconds</c>: the readiness the model alone gives, with no API
/// limits and no provider overhead) from <see cref="PhasesWithoutQueue"/> plus the queue position each node would have had
/// if all were requested at t = 0.
/// </summary>
public sealed record InstanceLatency(
    LaunchKind Kind,
    string ImageKind,
    DateTimeOffset RequestedAt,
    TimeSpan QueueWait,
    TimeSpan Provisioning,
    TimeSpan Boot,
    TimeSpan Registration,
    TimeSpan Readiness)
{
    /// <summary>When the model has the instance reach Running (also for an instance a fault keeps from getting there).</summary>
    public DateTimeOffset RunningAt => RequestedAt + QueueWait + Provisioning;

    /// <summary>When the model has the Node become Ready.</summary>
    public DateTimeOffset ReadyAt => RunningAt + Boot + Registration + Readiness;

    /// <summary>Provisioning, boot, registration and readiness: everything the model adds once the queue lets the instance in.</summary>
    public TimeSpan PhasesWithoutQueue => Provisioning + Boot + Registration + Readiness;
}
