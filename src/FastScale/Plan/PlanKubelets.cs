using FastScale.Simulation.Ecs.Instances;
using FastScale.Engine.NodeGroups;
using FastScale.Engine.Policy;
using FastScale.Engine.Repair;
using FastScale.Simulation.Ecs;
using FastScale.Simulation.LatencyModel;
using FastScale.Simulation.Nodes;

namespace FastScale.Plan;

/// <summary>
/// The kubelets of a plan: the node lifecycle the <see cref="KubeletSimulator"/> plays over HTTP, kept in memory. Like
/// it, a poll every <see cref="KubeletSimulatorOptions.PollInterval"/> reads the emulator's instances; an instance first
/// seen Running registers its Node after boot + registration and turns Ready after readiness; a stopped one goes
/// Unknown; one started again (warm pool) turns Ready after boot + readiness. The delays are the emulator's own samples of
/// each launch (<see cref="InstanceLatency"/>), counted from when it had the instance Running, exactly as the burst's
/// kubelets take them, so a plan, a burst and the floor share one source. Ready stamps follow the burst's node watch: a Node of a warm-pool instance
/// is cordoned and does not count.
/// </summary>
internal sealed class PlanKubelets : INodeHealthSource, IDisposable
{
    private readonly EcsEmulator _emulator;
    private readonly ScalePolicy _policy;
    private readonly LatencyProfile _profile;
    private readonly FaultPlan _faults;
    private readonly int _seed;
    private readonly TimeProvider _time;
    private readonly Func<string, bool> _isWarm;
    private readonly Dictionary<string, Kubelet> _known = new(StringComparer.Ordinal);
    private readonly ITimer _poll;

    public PlanKubelets(EcsEmulator emulator, ScalePolicy policy, LatencyProfile profile, int seed, TimeProvider time, Func<string, bool> isWarm)
    {
        (_emulator, _policy, _profile, _seed, _time, _isWarm) = (emulator, policy, profile, seed, time, isWarm);
        _faults = new FaultPlan(profile.Faults);
        var interval = new KubeletSimulatorOptions().PollInterval;
        _poll = time.CreateTimer(static s => ((PlanKubelets)s!).Poll(), this, TimeSpan.Zero, interval);
    }

    public bool HasSynced { get; private set; }

    /// <summary>Instance id → when its Node was first seen Ready (and not cordoned), since the last <see cref="Reset"/>.</summary>
    public Dictionary<string, DateTimeOffset> ReadyAt { get; } = new(StringComparer.Ordinal);

    /// <summary>Instance id → when its Node registered, since the last <see cref="Reset"/>.</summary>
    public Dictionary<string, DateTimeOffset> RegisteredAt { get; } = new(StringComparer.Ordinal);

    public int ReadyCount => ReadyAt.Count;

    public void Reset()
    {
        ReadyAt.Clear();
        RegisteredAt.Clear();
    }

    /// <summary>Instance ids whose Node is Ready now, cordoned or not.</summary>
    public IEnumerable<string> ReadyNow() => _known.Where(k => k.Value.Phase == Phase.Ready).Select(k => k.Key);

    /// <summary>Instance ids that have a Node now.</summary>
    public IReadOnlySet<string> WithNodes() => _known.Where(k => k.Value.NodeExists).Select(k => k.Key).ToHashSet(StringComparer.Ordinal);

    public NodeHealth? Find(string instanceId)
    {
        var id = ProviderIds.InstanceIdOf(instanceId, _policy.Region).ToString();
        if (!_known.TryGetValue(id, out var kubelet) || !kubelet.NodeExists)
        {
            return null;
        }

        var readiness = kubelet.Phase switch
        {
            Phase.Ready => NodeReadiness.Ready,
            Phase.Stopped => NodeReadiness.Unknown,
            _ => NodeReadiness.NotReady,
        };
        return new NodeHealth(id, readiness, kubelet.Since);
    }

    public void Dispose()
    {
        _poll.Dispose();
        foreach (var kubelet in _known.Values)
        {
            kubelet.Step?.Dispose();
        }
    }

    private void Poll()
    {
        var now = _time.GetUtcNow();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var instance in _emulator.Instances())
        {
            seen.Add(instance.InstanceId);
            if (!_known.TryGetValue(instance.InstanceId, out var kubelet))
            {
                var group = instance.Tags.FirstOrDefault(t => t.Key == Engine.Cloud.CloudTags.NodeGroup).Value;
                kubelet = new Kubelet(instance.InstanceId, _policy.NodeGroups.FirstOrDefault(g => g.Id == group)?.ImageKind, instance.ImageId,
                    LifecycleSampler.RandomFor(_seed, instance.InstanceId));
                _known[instance.InstanceId] = kubelet;
            }

            Observe(kubelet, instance.Status, instance.Latency, now);
        }

        foreach (var gone in _known.Keys.Where(id => !seen.Contains(id)).ToList())
        {
            _known[gone].Step?.Dispose();
            _known.Remove(gone);
        }

        HasSynced = true;
    }

    private void Observe(Kubelet kubelet, string status, InstanceLatency? launch, DateTimeOffset now)
    {
        switch (status)
        {
            case "Running" when kubelet.Phase == Phase.Provisioning:
                if (_faults.NeverRegisters(kubelet.InstanceId))
                {
                    kubelet.Phase = Phase.NeverRegisters;
                    break;
                }

                var (sample, from) = Sample(kubelet, launch, now);
                kubelet.Phase = Phase.Booting;
                kubelet.ReadinessDelay = sample.Readiness;
                Schedule(kubelet, from + sample.Boot + sample.Registration - now);
                break;
            case "Running" when kubelet.Phase == Phase.Stopped:
                var (restart, restartFrom) = Sample(kubelet, launch, now);
                kubelet.ReadinessDelay = restart.Readiness;
                kubelet.Phase = kubelet.NodeExists ? Phase.Restarting : Phase.Booting;
                Schedule(kubelet, restartFrom + restart.Boot + (kubelet.NodeExists ? restart.Readiness : restart.Registration) - now);
                break;
            case "Stopping" or "Stopped" when kubelet.Phase is Phase.Provisioning or Phase.Booting or Phase.Registered or Phase.Ready or Phase.Restarting:
                kubelet.Step?.Dispose();
                kubelet.Phase = Phase.Stopped;
                kubelet.Since = now;
                break;
        }
    }

    private void Schedule(Kubelet kubelet, TimeSpan delay)
    {
        delay = delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
        kubelet.Step?.Dispose();
        kubelet.Step = _time.CreateTimer(static s => ((StepState)s!).Owner.StepDue(((StepState)s).Kubelet), new StepState(this, kubelet), delay, Timeout.InfiniteTimeSpan);
    }

    private void StepDue(Kubelet kubelet)
    {
        var now = _time.GetUtcNow();
        switch (kubelet.Phase)
        {
            case Phase.Booting:
                kubelet.NodeExists = true;
                kubelet.Phase = Phase.Registered;
                kubelet.Since = now;
                RegisteredAt.TryAdd(kubelet.InstanceId, now);
                Schedule(kubelet, kubelet.ReadinessDelay);
                break;
            case Phase.Registered or Phase.Restarting:
                kubelet.Phase = Phase.Ready;
                kubelet.Since = now;
                if (!_isWarm(kubelet.InstanceId))
                {
                    ReadyAt.TryAdd(kubelet.InstanceId, now);
                }

                break;
        }
    }

    // As the kubelet simulator with LaunchSamples: the emulator's own samples of this launch, counted from the moment it
    // had the instance Running, so plan, burst and the floor share one source; our own draw only for an unknown launch.
    private (NodeLifecycleSample Sample, DateTimeOffset From) Sample(Kubelet kubelet, InstanceLatency? launch, DateTimeOffset now) =>
        launch is not null && launch.RunningAt <= now
            ? (new NodeLifecycleSample(launch.Boot, launch.Registration, launch.Readiness), launch.RunningAt)
            : (LifecycleSampler.Sample(_profile, kubelet.ImageKind, kubelet.ImageId, kubelet.Random), now);

    private enum Phase
    {
        Provisioning,
        Booting,
        Registered,
        Ready,
        Stopped,
        Restarting,
        NeverRegisters,
    }

    private sealed record StepState(PlanKubelets Owner, Kubelet Kubelet);

    private sealed class Kubelet(string instanceId, string? imageKind, string imageId, Random random)
    {
        public string InstanceId { get; } = instanceId;
        public string? ImageKind { get; } = imageKind;
        public string ImageId { get; } = imageId;
        public Random Random { get; } = random;
        public Phase Phase { get; set; } = Phase.Provisioning;
        public bool NodeExists { get; set; }
        public DateTimeOffset? Since { get; set; }
        public TimeSpan ReadinessDelay { get; set; }
        public ITimer? Step { get; set; }
    }
}
