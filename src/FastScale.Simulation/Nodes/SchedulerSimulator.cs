using System.Text.Json;
using System.Threading.Channels;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Informers;
using FastScale.Kubernetes.Models;
using Microsoft.Extensions.Logging;

namespace FastScale.Simulation.Nodes;

/// <summary>
/// A minimal kube-scheduler over the public API: it reads pods and nodes from informers, binds pending pods to nodes
/// that fit (<see cref="PodFit"/>) through the <c>binding</c> subresource, and marks the rest
/// <c>PodScheduled=False, reason Unschedulable</c> with kube-scheduler's "0/N nodes are available: …" message, keeping
/// lastTransitionTime from when the pod first became unschedulable. Cycles run on every change (coalesced, at least
/// <see cref="SchedulerSimulatorOptions.MinCycleGap"/> apart) and every <see cref="SchedulerSimulatorOptions.CycleInterval"/>.
/// </summary>
public sealed class SchedulerSimulator
{
    private readonly IKubernetesApiClient _kubernetes;
    private readonly IInformer<Node> _nodes;
    private readonly IInformer<Pod> _pods;
    private readonly SchedulerSimulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<string, (string NodeName, DateTimeOffset At)> _assumed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string? Version, PodDemand Demand)> _demands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UnschedulableRecord> _unschedulable = new(StringComparer.Ordinal);

    public SchedulerSimulator(
        IKubernetesApiClient kubernetes, IInformer<Node> nodes, IInformer<Pod> pods, SchedulerSimulatorOptions options, TimeProvider time, ILogger<SchedulerSimulator> logger)
    {
        ArgumentNullException.ThrowIfNull(kubernetes);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(pods);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("scheduler simulator options: " + string.Join("; ", problems), nameof(options));
        }

        (_nodes, _pods, _options, _time, _logger) = (nodes, pods, options, time, logger);

        // The scheduler's writes go through its own budget, as kube-scheduler's client has its own.
        _kubernetes = new PacedKubernetesClient(kubernetes, ApiTokenBucket.For(options.Qps, options.Burst, time), Counters.Api);
    }

    public SchedulerCounters Counters { get; } = new();

    /// <summary>Waits for both informers to sync, then schedules until cancelled. The informers are run by the caller.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _nodes.WaitForSyncAsync(cancellationToken).ConfigureAwait(false);
            await _pods.WaitForSyncAsync(cancellationToken).ConfigureAwait(false);
            var signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
            var pumps = new[] { InformerSignal.PumpAsync(_nodes.Subscribe(replayExisting: false), signal.Writer, cancellationToken), InformerSignal.PumpAsync(_pods.Subscribe(replayExisting: false), signal.Writer, cancellationToken) };
            Log.SchedulerStarted(_logger, _options.SchedulerName);
            while (!cancellationToken.IsCancellationRequested)
            {
                await RunCycleAsync(cancellationToken).ConfigureAwait(false);
                await Task.Delay(_options.MinCycleGap, _time, cancellationToken).ConfigureAwait(false);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                await Task.WhenAny(Task.Delay(_options.CycleInterval, _time, wait.Token), signal.Reader.WaitToReadAsync(wait.Token).AsTask()).ConfigureAwait(false);
                await wait.CancelAsync().ConfigureAwait(false);
                signal.Reader.TryRead(out _);
            }

            await Task.WhenAll(pumps).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>One cycle: plan on the informers' snapshot, bind, then write Unschedulable conditions. Tests call it directly.</summary>
    internal async Task RunCycleAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var now = _time.GetUtcNow();
        var pods = _pods.List();
        ForgetSettled(pods, now);
        var assumed = _assumed.ToDictionary(a => a.Key, a => a.Value.NodeName, StringComparer.Ordinal);
        var plan = SchedulingCycle.Plan(_nodes.List(), pods, assumed, DemandOf, _options.SchedulerName);
        Counters.Cycle(plan.Pending, _time.GetElapsedTime(started));
        foreach (var (pod, node) in plan.Bindings)
        {
            _assumed[SchedulingCycle.KeyOf(pod)] = (node, now);
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(plan.Bindings, parallel, async (binding, ct) => await BindAsync(binding.Pod, binding.NodeName, ct).ConfigureAwait(false))
            .ConfigureAwait(false);
        var updates = plan.Unschedulable.Select(u => (u.Pod, Condition: UnschedulableCondition(u.Pod, u.Message, now))).Where(u => u.Condition is not null).ToList();
        await Parallel.ForEachAsync(updates, parallel, async (update, ct) => await MarkUnschedulableAsync(update.Pod, update.Condition!, ct).ConfigureAwait(false))
            .ConfigureAwait(false);
        if (plan.Bindings.Count > 0 || updates.Count > 0)
        {
            Log.Cycle(_logger, plan.Pending, plan.Bindings.Count, plan.Unschedulable.Count, updates.Count, _nodes.Count);
        }
    }

    private async Task BindAsync(Pod pod, string nodeName, CancellationToken cancellationToken)
    {
        var bound = await _kubernetes.BindAsync(pod.Metadata!.Namespace!, pod.Metadata.Name!, nodeName, cancellationToken).ConfigureAwait(false);
        if (bound.IsSuccess)
        {
            Counters.Bound();
            return;
        }

        // Gone, already bound elsewhere, or the server is busy: forget the assumption; the next cycle sees the truth.
        Counters.BindFailed();
        lock (_assumed)
        {
            _assumed.Remove(SchedulingCycle.KeyOf(pod));
        }

        Log.BindFailed(_logger, SchedulingCycle.KeyOf(pod), nodeName, bound.Error.ToString());
    }

    /// <summary>The condition to write, or null when what the pod shows (or what we wrote and the cache has not caught
    /// up with) already says it, or only the wording changed and the last write is recent.</summary>
    private PodCondition? UnschedulableCondition(Pod pod, string message, DateTimeOffset now)
    {
        var key = SchedulingCycle.KeyOf(pod);
        var existing = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled");
        var showsUnschedulable = existing is { Status: "False", Reason: "Unschedulable" };
        _unschedulable.TryGetValue(key, out var written);
        var since = showsUnschedulable ? existing!.LastTransitionTime ?? written?.Since ?? now : written?.Since ?? now;
        if ((written is null && showsUnschedulable && existing!.Message == message)
            || written?.Message == message
            || (written is not null && now - written.WrittenAt < _options.MessageRefreshInterval))
        {
            _unschedulable[key] = written ?? new UnschedulableRecord(since, message, now);
            return null;
        }

        _unschedulable[key] = new UnschedulableRecord(since, message, now);
        return new PodCondition { Type = "PodScheduled", Status = "False", Reason = "Unschedulable", Message = message, LastTransitionTime = since };
    }

    private async Task MarkUnschedulableAsync(Pod pod, PodCondition condition, CancellationToken cancellationToken)
    {
        var conditions = (pod.Status?.Conditions ?? []).Where(c => c.Type != "PodScheduled").Append(condition).ToList();
        var patch = JsonSerializer.SerializeToUtf8Bytes(
            new Pod { ApiVersion = null, Kind = null, Status = new PodStatus { Conditions = conditions } }, KubernetesJsonContext.Default.Pod);
        var patched = await _kubernetes.PatchAsync(KubernetesResources.Pods, pod.Metadata!.Namespace, pod.Metadata.Name!, patch, PatchTarget.Status, cancellationToken)
            .ConfigureAwait(false);
        if (patched.IsSuccess)
        {
            Counters.MarkedUnschedulable(_time.GetUtcNow());
            return;
        }

        lock (_unschedulable)
        {
            // Not written: let the next cycle try again (its Since is kept in the pod or recomputed the same way).
            if (_unschedulable.TryGetValue(SchedulingCycle.KeyOf(pod), out var record))
            {
                _unschedulable[SchedulingCycle.KeyOf(pod)] = record with { Message = "", WrittenAt = DateTimeOffset.MinValue };
            }
        }

        Log.UnschedulableWriteFailed(_logger, SchedulingCycle.KeyOf(pod), patched.Error.ToString());
    }

    /// <summary>Drops assumptions the cache has caught up with (or that expired) and state of pods no longer pending.</summary>
    private void ForgetSettled(IReadOnlyList<Pod> pods, DateTimeOffset now)
    {
        var pending = new HashSet<string>(StringComparer.Ordinal);
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            var key = SchedulingCycle.KeyOf(pod);
            present.Add(key);
            if (string.IsNullOrEmpty(pod.Spec?.NodeName) && !SchedulingCycle.IsTerminal(pod))
            {
                pending.Add(key);
            }
        }

        foreach (var (key, (_, at)) in _assumed.ToList())
        {
            if (!pending.Contains(key) || now - at > _options.AssumeTimeout)
            {
                _assumed.Remove(key);
            }
        }

        foreach (var key in _unschedulable.Keys.Where(k => !pending.Contains(k)).ToList())
        {
            _unschedulable.Remove(key);
        }

        foreach (var key in _demands.Keys.Where(k => !present.Contains(k)).ToList())
        {
            _demands.Remove(key);
        }
    }

    private PodDemand DemandOf(Pod pod)
    {
        var key = SchedulingCycle.KeyOf(pod);
        var version = pod.Metadata?.ResourceVersion;
        if (_demands.TryGetValue(key, out var cached) && cached.Version == version && version is not null)
        {
            return cached.Demand;
        }

        var demand = PodDemand.Of(pod);
        _demands[key] = (version, demand);
        return demand;
    }

    private sealed record UnschedulableRecord(DateTimeOffset Since, string Message, DateTimeOffset WrittenAt);
}
