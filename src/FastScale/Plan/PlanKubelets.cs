using FastScale.Ecs.Actions;
using FastScale.Engine.NodeGroups;
using FastScale.Engine.Policy;
using FastScale.Engine.Repair;
using FastScale.Kubernetes.Models;
using FastScale.Simulation.Ecs;
using FastScale.Simulation.Ecs.Instances;
using FastScale.Simulation.LatencyModel;
using FastScale.Simulation.Machines;
using FastScale.Simulation.Nodes;
using Phase = FastScale.Simulation.Nodes.SimulatedNodePhase;

namespace FastScale.Plan;

/// <summary>
/// The kubelets of a plan: the <see cref="KubeletSimulator"/>'s node lifecycle carried out in memory instead of over the
/// Kubernetes API. Like it, a poll every <see cref="KubeletSimulatorOptions.PollInterval"/> reads the emulator's
/// instances, and what each kubelet does next, and when, is decided by the very same <see cref="KubeletLifecycle"/>
/// (phases, the emulator's samples of each launch, the never-registers fault), so a plan and a burst cannot drift
/// apart there. Only the carrying out differs: a step here changes the Node held in memory at once, where the
/// simulator's <c>KubeletSteps</c> write it through the API server. Ready stamps follow the burst's node watch: a Node
/// of a warm-pool instance is cordoned and does not count.
/// <para>Each kubelet keeps its Node as the burst's kubelets write it (<see cref="KubeletNode.Build"/>: from what ECS
/// says about the instance and the group's kubelet flags in the policy; Ready conditions and the not-ready taint as the
/// kubelet and the API server set them), so the scheduler and fast mode of a plan read the Nodes a burst's would.</para>
/// </summary>
internal sealed class PlanKubelets : INodeHealthSource, IDisposable
{
    private readonly EcsEmulator _emulator;
    private readonly ScalePolicy _policy;
    private readonly KubeletLifecycle _lifecycle;
    private readonly int _seed;
    private readonly TimeProvider _time;
    private readonly Func<string, bool> _isWarm;
    private readonly Dictionary<string, Kubelet> _known = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KubeletConfig> _configs;
    private readonly ITimer _poll;

    public PlanKubelets(EcsEmulator emulator, ScalePolicy policy, LatencyProfile profile, int seed, TimeProvider time, Func<string, bool> isWarm)
    {
        (_emulator, _policy, _seed, _time, _isWarm) = (emulator, policy, seed, time, isWarm);
        _lifecycle = new KubeletLifecycle(profile, new FaultPlan(profile.Faults));
        _configs = policy.NodeGroups.ToDictionary(g => g.Id, KubeletConfig.For, StringComparer.Ordinal);
        var interval = new KubeletSimulatorOptions().PollInterval;
        _poll = time.CreateTimer(static s => ((PlanKubelets)s!).Poll(), this, TimeSpan.Zero, interval);
    }

    public bool HasSynced { get; private set; }

    public int NodeCount => _known.Values.Count(k => k.NodeExists);

    /// <summary>Called on the plan's thread whenever a Node registers, turns Ready, goes Unknown or disappears.</summary>
    public Action? NodesChanged { get; set; }

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

    /// <summary>Every Node now; a warm-pool instance's Node cordoned, as the provider's warm-node guard keeps it.</summary>
    public IReadOnlyList<Node> Nodes() => [.. _known.Values.Where(k => k.Node is not null).Select(k => Current(k))];

    /// <summary>The Node of an instance by its providerID (<c>&lt;region&gt;.&lt;id&gt;</c> or <c>alicloud://…</c>), as serve's node cache finds it.</summary>
    public Node? ByProviderId(string providerId) =>
        _known.TryGetValue(ProviderIds.InstanceIdOf(providerId), out var kubelet) && kubelet.Node is not null ? Current(kubelet) : null;

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
        return new NodeHealth(id, readiness, kubelet.Since, Cordoned: _isWarm(id));
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
                    LifecycleSampler.RandomFor(_seed, instance.InstanceId))
                {
                    Config = group is null ? null : _configs.GetValueOrDefault(group),
                    Machine = MachineOf(instance),
                };
                _known[instance.InstanceId] = kubelet;
            }

            Observe(kubelet, instance.Status, instance.Latency, now);
        }

        foreach (var gone in _known.Keys.Where(id => !seen.Contains(id)).ToList())
        {
            _known[gone].Step?.Dispose();
            var hadNode = _known[gone].Node is not null;
            _known.Remove(gone);
            if (hadNode)
            {
                NodesChanged?.Invoke();
            }
        }

        HasSynced = true;
    }

    private void Observe(Kubelet kubelet, string status, InstanceLatency? launch, DateTimeOffset now)
    {
        var view = new KubeletView(kubelet.InstanceId, kubelet.Phase, kubelet.NodeExists, kubelet.ImageKind, kubelet.ImageId, kubelet.Random);
        if (_lifecycle.OnCloudStatus(view, status, launch, now) is not { } move)
        {
            return;
        }

        kubelet.Step?.Dispose();
        kubelet.Phase = move.Phase;
        kubelet.ReadinessDelay = move.ReadinessDelay;
        if (move.DueAt is { } due)
        {
            Schedule(kubelet, due - now);
        }

        if (move.Phase == Phase.Stopped)
        {
            kubelet.Since = now;
            if (kubelet.Node is { } node)
            {
                kubelet.Node = node with { Status = node.Status! with { Conditions = NodeObjects.UnknownConditions(now) } };
                NodesChanged?.Invoke();
            }
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
        switch (KubeletLifecycle.AfterStep(kubelet.Phase))
        {
            case Phase.Registered:
                kubelet.NodeExists = true;
                kubelet.Phase = Phase.Registered;
                kubelet.Since = now;
                RegisteredAt.TryAdd(kubelet.InstanceId, now);
                if (kubelet.Config is not null)
                {
                    kubelet.Node = KubeletNode.Build(kubelet.InstanceId, kubelet.Machine!, kubelet.Config, _policy.Region, now);
                    NodesChanged?.Invoke();
                }

                Schedule(kubelet, kubelet.ReadinessDelay);
                break;
            case Phase.Ready:
                kubelet.Phase = Phase.Ready;
                kubelet.Since = now;
                if (!_isWarm(kubelet.InstanceId))
                {
                    ReadyAt.TryAdd(kubelet.InstanceId, now);
                }

                if (kubelet.Node is { } registered)
                {
                    // The kubelet posts Ready and the node lifecycle controller lifts the not-ready taint.
                    kubelet.Node = registered with
                    {
                        Spec = registered.Spec! with { Taints = NodeObjects.ReplaceTaint(registered.Spec.Taints, NodeTaints.NotReady, add: null) },
                        Status = registered.Status! with { Conditions = NodeObjects.ReadyConditions(now, now) },
                    };
                    NodesChanged?.Invoke();
                }

                break;
        }
    }

    private Node Current(Kubelet kubelet) =>
        _isWarm(kubelet.InstanceId) ? kubelet.Node! with { Spec = kubelet.Node.Spec! with { Unschedulable = true } } : kubelet.Node!;

    /// <summary>The instance as DescribeInstances shows it to a kubelet: type, zone, region, and the type's vCPUs and memory.</summary>
    private EcsInstance MachineOf(EcsInstanceSnapshot instance)
    {
        var type = InstanceTypeCatalog.Embedded.Find(instance.InstanceType);
        return new EcsInstance(instance.InstanceId, instance.Status, instance.StoppedMode, instance.InstanceType, instance.ZoneId, instance.ImageId,
            instance.CreatedAt, instance.Tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal))
        {
            RegionId = _policy.Region,
            OSType = "linux",
            Cpu = type?.Cpu ?? 0,
            MemoryMiB = type?.MemoryMiB ?? 0,
        };
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
        public KubeletConfig? Config { get; init; }
        public EcsInstance? Machine { get; init; }

        /// <summary>Null until the kubelet registers, and for an instance of no group in the policy.</summary>
        public Node? Node { get; set; }
    }
}
