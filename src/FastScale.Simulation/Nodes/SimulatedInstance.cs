using FastScale.Ecs.Actions;
using FastScale.Kubernetes.Client;

namespace FastScale.Simulation.Nodes;

/// <summary>
/// One instance's kubelet: its phase, when its next step is due, and the moments of past steps. Mutated only under
/// its own lock; a step (an API call) runs outside it and applies its result under it.
/// </summary>
/// <param name="client">The kubelet's own Kubernetes client: its requests wait for its own QPS/burst budget.</param>
internal sealed class SimulatedInstance(
    string instanceId, string nodeName, string groupId, KubeletConfig? config, Random random, DateTimeOffset firstSeenAt, IKubernetesApiClient client)
{
    public string InstanceId { get; } = instanceId;
    public string NodeName { get; } = nodeName;
    public string GroupId { get; } = groupId;

    /// <summary>How the group's kubelets are started; null when the policy has no such group.</summary>
    public KubeletConfig? Config { get; } = config;

    public Random Random { get; } = random;

    /// <summary>Every Kubernetes API request of this kubelet goes through this client.</summary>
    public IKubernetesApiClient Client { get; } = client;

    /// <summary>The instance as the last poll described it: what the kubelet knows of its machine.</summary>
    public EcsInstance? Machine { get; set; }

    public SimulatedNodePhase Phase { get; set; } = SimulatedNodePhase.Provisioning;
    public bool NodeExists { get; set; }

    /// <summary>The instance is gone from the cloud: delete its Node, then forget it.</summary>
    public bool Released { get; set; }

    /// <summary>The Node must be marked Ready=Unknown with the unreachable taint (its instance stopped).</summary>
    public bool MustMarkUnreachable { get; set; }

    /// <summary>The sampled wait from registration to Ready, drawn with the boot and registration delays.</summary>
    public TimeSpan ReadinessDelay { get; set; }

    /// <summary>When the next step of <see cref="Phase"/> is due; null when nothing is pending.</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>The Node's uid, for the Lease's owner reference; null until learnt from a create or a read.</summary>
    public string? NodeUid { get; set; }

    /// <summary>The resourceVersion of our last Lease write, the guard of the next renewal; null when unknown.</summary>
    public string? LeaseVersion { get; set; }

    /// <summary>When the Lease was last written (created or renewed); null before the first write.</summary>
    public DateTimeOffset? LeaseRenewedAt { get; set; }

    /// <summary>When the Lease is next renewed; null while the kubelet is not running (stopped, booting, released).</summary>
    public DateTimeOffset? LeaseDueAt { get; set; }

    /// <summary>When the Ready status is next posted; null unless Ready.</summary>
    public DateTimeOffset? StatusDueAt { get; set; }

    /// <summary>When the Node's conditions last changed: the lastTransitionTime a status heartbeat keeps.</summary>
    public DateTimeOffset? ConditionsSince { get; set; }

    public DateTimeOffset FirstSeenAt { get; } = firstSeenAt;
    public DateTimeOffset? RunningSeenAt { get; set; }
    public DateTimeOffset? RegisteredAt { get; set; }
    public DateTimeOffset? ReadyAt { get; set; }
    public DateTimeOffset? StoppedAt { get; set; }

    public bool IsDue(DateTimeOffset now) => Released || MustMarkUnreachable || (DueAt is { } due && due <= now);

    /// <summary>A heartbeat (lease renewal or status post) is due; lifecycle steps go first.</summary>
    public bool IsHeartbeatDue(DateTimeOffset now) =>
        !IsDue(now) && Phase is SimulatedNodePhase.Registered or SimulatedNodePhase.Ready
        && ((LeaseDueAt is { } lease && lease <= now) || (StatusDueAt is { } status && status <= now));

    /// <summary>The next heartbeat moment, when one is scheduled.</summary>
    public DateTimeOffset? NextHeartbeatAt =>
        Phase is not (SimulatedNodePhase.Registered or SimulatedNodePhase.Ready) ? null
        : LeaseDueAt is { } lease && StatusDueAt is { } status ? (lease < status ? lease : status)
        : LeaseDueAt ?? StatusDueAt;

    /// <summary>How far past <paramref name="renewInterval"/> since its latest Lease write a Ready node is; zero when not
    /// Ready or on time. A Ready node whose Lease was never written counts from its registration.</summary>
    public TimeSpan LeaseLag(DateTimeOffset now, TimeSpan renewInterval)
    {
        if (Phase != SimulatedNodePhase.Ready || (LeaseRenewedAt ?? RegisteredAt) is not { } renewed)
        {
            return TimeSpan.Zero;
        }

        var late = now - renewed - renewInterval;
        return late > TimeSpan.Zero ? late : TimeSpan.Zero;
    }

    /// <summary>Stops heartbeats of a kubelet that is down (stopped instance) or whose Node is gone.</summary>
    public void StopHeartbeats()
    {
        LeaseDueAt = null;
        StatusDueAt = null;
    }

    /// <summary>Someone deleted our Node: a kubelet that is up registers again (after its registration delay); a
    /// stopped one has nothing to report until it runs again.</summary>
    public void NodeVanished(DateTimeOffset now)
    {
        lock (this)
        {
            NodeExists = false;
            MustMarkUnreachable = false;
            NodeUid = null;
            LeaseVersion = null;
            StopHeartbeats();
            if (Phase != SimulatedNodePhase.Stopped)
            {
                Phase = SimulatedNodePhase.Booting;
                DueAt = now;
            }
        }
    }

    public SimulatedNodeInfo Snapshot()
    {
        lock (this)
        {
            return new SimulatedNodeInfo(InstanceId, NodeName, GroupId, Phase, NodeExists, FirstSeenAt, RunningSeenAt, RegisteredAt, ReadyAt, StoppedAt);
        }
    }
}
