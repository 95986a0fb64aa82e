using FastScale.Ecs.Actions;
using FastScale.Engine.Cloud;
using FastScale.Engine.Policy;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Models;
using FastScale.Simulation.LatencyModel;
using Microsoft.Extensions.Logging;

namespace FastScale.Simulation.Nodes;

/// <summary>
/// Simulated kubelets for every instance of the cluster, as ordinary clients of the cloud and of the Kubernetes API (so
/// they populate a real API server as well as our simulator). Per instance, once a poll sees it Running: after the
/// sampled boot + registration delay its Node is created (NotReady, with the not-ready taint a real API server adds);
/// after the readiness delay it turns Ready=True and the not-ready taint is lifted, as the node lifecycle controller
/// would. A stopped instance (warm pool) keeps its Node, marked Ready=Unknown with the <c>unreachable:NoSchedule</c>
/// taint as the lifecycle controller marks a silent kubelet; started again, it turns Ready after boot + readiness.
/// A released instance's Node is deleted, with its Lease. While a kubelet is up it heartbeats as a real one does (node
/// Lease renewed, Ready status re-posted; see <see cref="NodeHeartbeats"/>), so a real node lifecycle controller keeps
/// its Node Ready and marks a stopped one Unknown. The Node is built from what ECS says about the instance and the
/// group's kubelet flags in the policy (<see cref="KubeletNode"/>). This type follows the cloud and decides what is
/// due; <see cref="KubeletSteps"/> and <see cref="NodeHeartbeats"/> do the Kubernetes API work. Everything runs on the
/// injected clock.
/// </summary>
public sealed class KubeletSimulator
{
    private readonly IInstanceSource _instances;
    private readonly IKubernetesApiClient _kubernetes;

    /// <summary>The simulation's own requests, not any kubelet's (listing Nodes to adopt): counted, not paced.</summary>
    private readonly IKubernetesApiClient _shared;
    private readonly ScalePolicy _policy;
    private readonly LatencyProfile _profile;
    private readonly KubeletLifecycle _lifecycle;
    private readonly KubeletSimulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<string, KubeletConfig> _configs;
    private readonly NodeHeartbeats _heartbeats;
    private readonly KubeletSteps _steps;
    private readonly Dictionary<string, SimulatedInstance> _known = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private Dictionary<string, Node>? _adoptable;
    private DateTimeOffset _nextPollAt = DateTimeOffset.MinValue;

    public KubeletSimulator(
        IInstanceSource instances,
        IKubernetesApiClient kubernetes,
        ScalePolicy policy,
        LatencyProfile profile,
        KubeletSimulatorOptions options,
        TimeProvider time,
        ILogger<KubeletSimulator> logger)
    {
        ArgumentNullException.ThrowIfNull(instances);
        ArgumentNullException.ThrowIfNull(kubernetes);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("kubelet simulator options: " + string.Join("; ", problems), nameof(options));
        }

        _instances = instances;
        _kubernetes = kubernetes;
        _policy = policy;
        _profile = profile;
        _lifecycle = new KubeletLifecycle(profile, new FaultPlan(profile.Faults));
        _options = options;
        _time = time;
        _logger = logger;
        _configs = policy.NodeGroups.ToDictionary(g => g.Id, KubeletConfig.For, StringComparer.Ordinal);
        _shared = new PacedKubernetesClient(kubernetes, null, Counters.Api);
        _heartbeats = new NodeHeartbeats(options, Counters, time, logger);
        _steps = new KubeletSteps(_heartbeats, policy.Region, Forget, options, Counters, time, logger);
    }

    public KubeletCounters Counters { get; } = new();

    /// <summary>Every instance currently tracked, with its phase and step times.</summary>
    public IReadOnlyList<SimulatedNodeInfo> Snapshot()
    {
        lock (_gate)
        {
            return [.. _known.Values.Select(s => s.Snapshot())];
        }
    }

    /// <summary>Counts Nodes registered and Ready and finds the worst lease renewal lag, on the injected clock.</summary>
    public KubeletCensus Census()
    {
        var now = _time.GetUtcNow();
        var (registered, ready, lag) = (0, 0, TimeSpan.Zero);
        lock (_gate)
        {
            foreach (var state in _known.Values)
            {
                lock (state)
                {
                    registered += state.NodeExists ? 1 : 0;
                    ready += state.Phase == SimulatedNodePhase.Ready ? 1 : 0;
                    var late = state.LeaseLag(now, _options.NodeLeaseRenewInterval);
                    lag = late > lag ? late : lag;
                }
            }

            return new KubeletCensus(_known.Count, registered, ready, lag);
        }
    }

    public SimulatedNodeInfo? Find(string instanceId)
    {
        lock (_gate)
        {
            return _known.TryGetValue(instanceId, out var state) ? state.Snapshot() : null;
        }
    }

    /// <summary>Polls and steps until cancelled; sleeps on the injected clock until the next poll or the next due step.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Log.KubeletsStarted(_logger, _policy.ClusterId, _profile.Name, _options.PollInterval.TotalSeconds);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var wait = await SyncAsync(cancellationToken).ConfigureAwait(false);
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>
    /// One pass: adopt our Nodes left by an earlier run (first pass only), poll the cloud when the poll is due, run every
    /// step that is due. Returns how long to wait until the next poll or step. Tests on a fake clock call this directly.
    /// </summary>
    internal async Task<TimeSpan> SyncAsync(CancellationToken cancellationToken)
    {
        if (_adoptable is null && !await LoadAdoptableAsync(cancellationToken).ConfigureAwait(false))
        {
            return _options.RetryDelay;
        }

        if (_time.GetUtcNow() >= _nextPollAt)
        {
            _nextPollAt = _time.GetUtcNow() + _options.PollInterval;
            await PollAsync(cancellationToken).ConfigureAwait(false);
        }

        var now = _time.GetUtcNow();
        List<(SimulatedInstance State, bool Step)> due = [];
        lock (_gate)
        {
            foreach (var state in _known.Values)
            {
                lock (state)
                {
                    if (state.IsDue(now) || state.IsHeartbeatDue(now))
                    {
                        due.Add((state, state.IsDue(now)));
                    }
                }
            }
        }

        await Parallel.ForEachAsync(
            due,
            new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism, CancellationToken = cancellationToken },
            async (work, ct) => await (work.Step ? _steps.StepAsync(work.State, ct) : _heartbeats.BeatAsync(work.State, ct)).ConfigureAwait(false)).ConfigureAwait(false);

        now = _time.GetUtcNow();
        var next = _nextPollAt;
        lock (_gate)
        {
            foreach (var state in _known.Values)
            {
                lock (state)
                {
                    if (state.IsDue(now))
                    {
                        next = now;
                    }
                    else if (state.DueAt is { } at && at < next)
                    {
                        next = at;
                    }

                    if (state.NextHeartbeatAt is { } beat)
                    {
                        var batched = beat > now + NodeHeartbeats.BatchWindow ? beat : now + NodeHeartbeats.BatchWindow;
                        next = batched < next ? batched : next;
                    }
                }
            }
        }

        return next > now ? next - now : TimeSpan.Zero;
    }

    /// <summary>A released instance's Node and Lease are gone: stop tracking it.</summary>
    private void Forget(SimulatedInstance state)
    {
        lock (_gate)
        {
            _known.Remove(state.InstanceId);
        }
    }

    /// <summary>Our Nodes from an earlier run, by instance id: they are taken over instead of created again, or deleted
    /// when their instance is gone.</summary>
    private async Task<bool> LoadAdoptableAsync(CancellationToken cancellationToken)
    {
        var listed = await _shared.ListAllAsync(KubernetesResources.Nodes, null, new ListOptions { Limit = 500 }, cancellationToken).ConfigureAwait(false);
        if (!listed.IsSuccess)
        {
            Counters.ApiFailure();
            Log.AdoptionListFailed(_logger, listed.Error.ToString());
            return false;
        }

        _adoptable = new Dictionary<string, Node>(StringComparer.Ordinal);
        foreach (var node in listed.Value!.Items)
        {
            if (node.Metadata?.Annotations?.ContainsKey(NodeTaints.SimulatedAnnotation) == true
                && node.Spec?.ProviderId is { Length: > 0 } providerId
                && SimulatedProviderIds.InstanceIdOf(providerId) is { } instanceId)
            {
                _adoptable[instanceId] = node;
            }
        }

        return true;
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        var listed = await _instances.ListAsync(cancellationToken).ConfigureAwait(false);
        Counters.Poll(listed.IsSuccess);
        if (!listed.IsSuccess)
        {
            // Keep what we knew: a failed poll must never read as "every instance released".
            Log.PollFailed(_logger, listed.Error!.Kind.ToString(), listed.Error.Code, listed.Error.Message);
            return;
        }

        var now = _time.GetUtcNow();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        lock (_gate)
        {
            foreach (var instance in listed.Value!)
            {
                seen.Add(instance.InstanceId);
                if (!_known.TryGetValue(instance.InstanceId, out var state))
                {
                    state = Track(instance, now);
                    _known[instance.InstanceId] = state;
                }

                lock (state)
                {
                    Observe(state, instance, now);
                }
            }

            foreach (var (id, state) in _known)
            {
                if (!seen.Contains(id))
                {
                    lock (state)
                    {
                        state.Released = true;
                    }
                }
            }

            // Adoptable Nodes whose instance is not in the cloud at all are left-overs of released instances.
            foreach (var (id, node) in _adoptable!)
            {
                if (!seen.Contains(id) && !_known.ContainsKey(id))
                {
                    var orphan = new SimulatedInstance(id, node.Metadata!.Name!, "", null, LifecycleSampler.RandomFor(_options.Seed, id), now, ClientFor())
                    {
                        NodeExists = true,
                        Released = true,
                    };
                    _known[id] = orphan;
                }
            }

            _adoptable.Clear();
        }
    }

    private SimulatedInstance Track(EcsInstance instance, DateTimeOffset now)
    {
        var groupId = instance.Tags.GetValueOrDefault(CloudTags.NodeGroup, "");
        var config = _configs.GetValueOrDefault(groupId);
        var state = new SimulatedInstance(instance.InstanceId, instance.InstanceId, groupId, config, LifecycleSampler.RandomFor(_options.Seed, instance.InstanceId), now, ClientFor());
        if (config is null)
        {
            state.Phase = SimulatedNodePhase.NoTemplate;
            Log.NoTemplate(_logger, instance.InstanceId, groupId);
        }
        else if (_adoptable!.Remove(instance.InstanceId, out var existing))
        {
            state.NodeExists = true;
            state.Phase = NodeObjects.IsReady(existing) ? SimulatedNodePhase.Ready : SimulatedNodePhase.Registered;
            state.DueAt = state.Phase == SimulatedNodePhase.Registered ? now + _lifecycle.Draw(View(state)).Readiness : null;
            state.RegisteredAt = existing.Metadata?.CreationTimestamp;
            state.NodeUid = existing.Metadata?.Uid;
            state.ConditionsSince = existing.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.LastTransitionTime ?? now;

            // Its kubelet was running all along: heartbeats resume in the node's slots (not all adopted nodes at once).
            state.LeaseDueAt = _heartbeats.NextSlot(state, now, _options.NodeLeaseRenewInterval);
            state.StatusDueAt = state.Phase == SimulatedNodePhase.Ready ? _heartbeats.NextSlot(state, now, _options.NodeStatusUpdateInterval) : null;
            Log.Adopted(_logger, state.NodeName, state.Phase.ToString());
        }

        return state;
    }

    /// <summary>Moves an instance's kubelet along with the cloud's view of the instance (<see cref="KubeletLifecycle"/>).
    /// Called under the state's lock.</summary>
    private void Observe(SimulatedInstance state, EcsInstance instance, DateTimeOffset now)
    {
        state.Machine = instance;
        if (_lifecycle.OnCloudStatus(View(state), instance.Status, _options.LaunchSamples?.Invoke(state.InstanceId), now) is not { } move)
        {
            return;
        }

        state.Phase = move.Phase;
        state.DueAt = move.DueAt;
        state.ReadinessDelay = move.ReadinessDelay;
        switch (move.Phase)
        {
            case SimulatedNodePhase.NeverRegisters:
                state.RunningSeenAt = now;
                Counters.NeverRegisters();
                Log.NeverRegisters(_logger, state.InstanceId);
                break;
            case SimulatedNodePhase.Booting or SimulatedNodePhase.Restarting:
                state.RunningSeenAt = now;
                break;
            case SimulatedNodePhase.Stopped:
                state.StoppedAt = now;
                state.MustMarkUnreachable = state.NodeExists;
                state.StopHeartbeats();
                break;
        }
    }

    private static KubeletView View(SimulatedInstance state) =>
        new(state.InstanceId, state.Phase, state.NodeExists, state.Config?.ImageKind, state.Machine?.ImageId, state.Random);

    /// <summary>A new kubelet's own client: the shared connection, its own budget (<see cref="KubeletSimulatorOptions.KubeApiQps"/>).</summary>
    private PacedKubernetesClient ClientFor() =>
        new(_kubernetes, ApiTokenBucket.For(_options.KubeApiQps, _options.KubeApiBurst, _time), Counters.Api);
}
