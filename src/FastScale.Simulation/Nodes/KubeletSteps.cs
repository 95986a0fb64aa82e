using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Models;
using Microsoft.Extensions.Logging;

namespace FastScale.Simulation.Nodes;

/// <summary>
/// The lifecycle steps of one kubelet, each one Kubernetes API exchange that moves its Node along: register, report
/// Ready (and, as the node lifecycle controller, lift the not-ready taint), mark a stopped instance's Node unreachable,
/// delete a released instance's Node and Lease. <see cref="KubeletSimulator"/> decides when a step is due.
/// </summary>
internal sealed class KubeletSteps(
    NodeHeartbeats heartbeats,
    string region,
    Action<SimulatedInstance> forget,
    KubeletSimulatorOptions options,
    KubeletCounters counters,
    TimeProvider time,
    ILogger logger)
{
    private readonly NodeHeartbeats _heartbeats = heartbeats;
    private readonly string _region = region;
    private readonly Action<SimulatedInstance> _forget = forget;
    private readonly KubeletSimulatorOptions _options = options;
    private readonly KubeletCounters _counters = counters;
    private readonly TimeProvider _time = time;
    private readonly ILogger _logger = logger;

    /// <summary>Runs the one step due for an instance: delete, mark unreachable, register, or mark Ready. A failed call
    /// is retried after <see cref="KubeletSimulatorOptions.RetryDelay"/>.</summary>
    public async Task StepAsync(SimulatedInstance state, CancellationToken cancellationToken)
    {
        bool released, unreachable, exists;
        SimulatedNodePhase phase;
        lock (state)
        {
            (released, unreachable, exists, phase) = (state.Released, state.MustMarkUnreachable, state.NodeExists, state.Phase);
        }

        KubernetesApiError? error = null;
        if (released)
        {
            error = exists ? await DeleteNodeAsync(state, cancellationToken).ConfigureAwait(false) : null;
            error ??= exists ? await _heartbeats.DeleteLeaseAsync(state, cancellationToken).ConfigureAwait(false) : null;
            if (error is null)
            {
                _forget(state);
            }
        }
        else if (unreachable)
        {
            error = await MarkUnreachableAsync(state, cancellationToken).ConfigureAwait(false);
        }
        else if (phase == SimulatedNodePhase.Booting)
        {
            error = await RegisterAsync(state, cancellationToken).ConfigureAwait(false);
        }
        else if (phase is SimulatedNodePhase.Registered or SimulatedNodePhase.Restarting)
        {
            error = await MarkReadyAsync(state, cancellationToken).ConfigureAwait(false);
        }

        if (error is not null)
        {
            _counters.ApiFailure();
            Log.StepFailed(_logger, state.NodeName, phase.ToString(), error.ToString(), _options.RetryDelay.TotalSeconds);
            lock (state)
            {
                state.DueAt = _time.GetUtcNow() + _options.RetryDelay;
            }
        }
    }

    private async Task<KubernetesApiError?> RegisterAsync(SimulatedInstance state, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var node = KubeletNode.Build(state.NodeName, state.Machine!, state.Config!, _region, now);
        var created = await state.Client.CreateAsync(KubernetesResources.Nodes, node, cancellationToken).ConfigureAwait(false);
        if (!created.IsSuccess && !created.Error.IsAlreadyExists)
        {
            return created.Error;
        }

        // AlreadyExists: a Node of that name is there (ours from before, or registered meanwhile): take it over.
        now = _time.GetUtcNow();
        lock (state)
        {
            state.NodeUid = created.IsSuccess ? created.Value!.Metadata?.Uid : null;
            state.LeaseVersion = null;
            state.ConditionsSince = now;
            state.NodeExists = true;
            state.RegisteredAt = now;
            state.Phase = SimulatedNodePhase.Registered;
            state.DueAt = now + state.ReadinessDelay;
        }

        _counters.Registered();
        Log.Registered(_logger, state.NodeName, state.GroupId, state.ReadinessDelay.TotalSeconds);
        await _heartbeats.StartAsync(state, cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>The kubelet reports Ready; then, as the node lifecycle controller does, the not-ready (and any
    /// unreachable) taint comes off.</summary>
    private async Task<KubernetesApiError?> MarkReadyAsync(SimulatedInstance state, CancellationToken cancellationToken)
    {
        var patched = await state.Client.PatchAsync(
            KubernetesResources.Nodes, null, state.NodeName, NodeObjects.ReadyStatusPatch(_time.GetUtcNow()), PatchTarget.Status, cancellationToken)
            .ConfigureAwait(false);
        var error = patched.IsSuccess
            ? await UpdateTaintsAsync(state, t => NodeObjects.ReplaceTaint(NodeObjects.ReplaceTaint(t, NodeTaints.NotReady, null), NodeTaints.Unreachable, null), cancellationToken)
                .ConfigureAwait(false)
            : patched.Error;
        if (error is { IsNotFound: true })
        {
            return NodeVanished(state);
        }

        if (error is not null)
        {
            return error;
        }

        var now = _time.GetUtcNow();
        bool renewLease;
        lock (state)
        {
            renewLease = state.Phase == SimulatedNodePhase.Restarting;
            state.Phase = SimulatedNodePhase.Ready;
            state.ReadyAt = now;
            state.ConditionsSince = now;
            state.DueAt = null;
            state.StatusDueAt = _heartbeats.NextSlot(state, now, _options.NodeStatusUpdateInterval);
        }

        _counters.Ready();
        Log.Ready(_logger, state.NodeName, (now - (state.RunningSeenAt ?? now)).TotalSeconds);
        if (renewLease)
        {
            // Back from a stop: the Lease went stale while the instance was down.
            await _heartbeats.StartAsync(state, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    private async Task<KubernetesApiError?> MarkUnreachableAsync(SimulatedInstance state, CancellationToken cancellationToken)
    {
        var patched = await state.Client.PatchAsync(
            KubernetesResources.Nodes, null, state.NodeName, NodeObjects.UnknownStatusPatch(_time.GetUtcNow()), PatchTarget.Status, cancellationToken)
            .ConfigureAwait(false);
        var unreachable = new Taint { Key = NodeTaints.Unreachable, Effect = "NoSchedule", TimeAdded = _time.GetUtcNow() };
        var error = patched.IsSuccess
            ? await UpdateTaintsAsync(state, t => NodeObjects.ReplaceTaint(t, NodeTaints.NotReady, unreachable), cancellationToken).ConfigureAwait(false)
            : patched.Error;
        if (error is { IsNotFound: true })
        {
            return NodeVanished(state);
        }

        if (error is not null)
        {
            return error;
        }

        lock (state)
        {
            state.MustMarkUnreachable = false;
        }

        _counters.MarkedUnreachable();
        Log.MarkedUnreachable(_logger, state.NodeName);
        return null;
    }

    private async Task<KubernetesApiError?> DeleteNodeAsync(SimulatedInstance state, CancellationToken cancellationToken)
    {
        var deleted = await state.Client.DeleteAsync(KubernetesResources.Nodes, null, state.NodeName, null, notFoundIsSuccess: true, cancellationToken)
            .ConfigureAwait(false);
        if (!deleted.IsSuccess)
        {
            return deleted.Error;
        }

        _counters.Deleted();
        Log.Deleted(_logger, state.NodeName, state.InstanceId);
        return null;
    }

    private KubernetesApiError? NodeVanished(SimulatedInstance state)
    {
        state.NodeVanished(_time.GetUtcNow());
        return null;
    }

    /// <summary>Read, change, write the taint list with the read's resourceVersion as a guard; on a conflict read again.</summary>
    private async Task<KubernetesApiError?> UpdateTaintsAsync(SimulatedInstance state, Func<IReadOnlyList<Taint>?, List<Taint>> change, CancellationToken cancellationToken)
    {
        KubernetesApiError? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var current = await state.Client.GetAsync(KubernetesResources.Nodes, null, state.NodeName, cancellationToken).ConfigureAwait(false);
            if (!current.IsSuccess)
            {
                return current.Error;
            }

            var taints = current.Value!.Spec?.Taints;
            var next = change(taints);
            if (next.Count == (taints?.Count ?? 0) && next.All(t => taints!.Contains(t)))
            {
                return null;
            }

            var patch = NodeObjects.TaintsPatch(next, current.Value.Metadata?.ResourceVersion);
            var patched = await state.Client.PatchAsync(KubernetesResources.Nodes, null, state.NodeName, patch, PatchTarget.Object, cancellationToken).ConfigureAwait(false);
            if (patched.IsSuccess || !patched.Error.IsConflict)
            {
                return patched.IsSuccess ? null : patched.Error;
            }

            last = patched.Error;
        }

        return last;
    }
}
