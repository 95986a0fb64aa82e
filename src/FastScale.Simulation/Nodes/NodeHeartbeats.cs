using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Models;
using Microsoft.Extensions.Logging;

namespace FastScale.Simulation.Nodes;

/// <summary>
/// Heartbeats of running kubelets, so a real node lifecycle controller keeps their Nodes Ready: the node Lease renewed
/// every <see cref="KubeletSimulatorOptions.NodeLeaseRenewInterval"/> while the Node is Registered or Ready, and the Ready
/// status posted again every <see cref="KubeletSimulatorOptions.NodeStatusUpdateInterval"/>. Each node renews in its own
/// slot of the period (<see cref="NodeLeases.PhaseOf"/>), so many nodes write a steady trickle, not a burst.
/// </summary>
internal sealed class NodeHeartbeats(
    KubeletSimulatorOptions options, KubeletCounters counters, TimeProvider time, ILogger logger)
{
    private readonly KubeletSimulatorOptions _options = options;
    private readonly KubeletCounters _counters = counters;
    private readonly TimeProvider _time = time;
    private readonly ILogger _logger = logger;

    /// <summary>Due heartbeats wait up to this long to share a pass: with spread slots, every node would otherwise wake
    /// the loop on its own (1,000 nodes: 100 passes a second, each scanning every node).</summary>
    public static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(100);

    /// <summary>Renews the Lease and posts the status when due. A failure is retried after
    /// <see cref="KubeletSimulatorOptions.RetryDelay"/>, well within the lease's duration.</summary>
    public async Task BeatAsync(SimulatedInstance state, CancellationToken cancellationToken)
    {
        DateTimeOffset? leaseDue, statusDue;
        lock (state)
        {
            (leaseDue, statusDue) = (state.LeaseDueAt, state.StatusDueAt);
        }

        var now = _time.GetUtcNow();
        if (leaseDue <= now)
        {
            var error = await WriteLeaseAsync(state, cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                HeartbeatFailed(state, "lease", error, s => s.LeaseDueAt = _time.GetUtcNow() + _options.RetryDelay);
            }
        }

        if (statusDue <= now)
        {
            await PostReadyStatusAsync(state, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Creates or renews the node's Lease: a replace guarded by our last write's resourceVersion; 404 creates
    /// it again; a conflict (someone else wrote it, or we do not know its version) reads it and replaces once.</summary>
    private async Task<KubernetesApiError?> WriteLeaseAsync(SimulatedInstance state, CancellationToken cancellationToken)
    {
        string? uid, version;
        lock (state)
        {
            (uid, version) = (state.NodeUid, state.LeaseVersion);
        }

        if (uid is null)
        {
            // Registered over an existing Node, or adopted without one: the owner reference needs the Node's uid.
            var node = await state.Client.GetAsync(KubernetesResources.Nodes, null, state.NodeName, cancellationToken).ConfigureAwait(false);
            if (!node.IsSuccess)
            {
                return node.Error.IsNotFound ? NodeVanished(state) : node.Error;
            }

            uid = node.Value!.Metadata?.Uid;
        }

        var now = _time.GetUtcNow();
        var created = version is null;
        var written = await PutLeaseAsync(state, uid, now, version, cancellationToken).ConfigureAwait(false);
        if (!written.IsSuccess && !created && written.Error.IsNotFound)
        {
            created = true;
            written = await PutLeaseAsync(state, uid, now, null, cancellationToken).ConfigureAwait(false);
        }

        if (!written.IsSuccess && (written.Error.IsConflict || written.Error.IsAlreadyExists))
        {
            var current = await state.Client.GetAsync(KubernetesResources.Leases, NodeLeases.Namespace, state.NodeName, cancellationToken).ConfigureAwait(false);
            created = !current.IsSuccess && current.Error.IsNotFound;
            written = current.IsSuccess || created
                ? await PutLeaseAsync(state, uid, now, current.Value?.Metadata?.ResourceVersion, cancellationToken).ConfigureAwait(false)
                : current;
        }

        if (!written.IsSuccess)
        {
            return written.Error;
        }

        lock (state)
        {
            state.NodeUid = uid;
            state.LeaseVersion = written.Value!.Metadata?.ResourceVersion;
            state.LeaseRenewedAt = now;
            state.LeaseDueAt = NextSlot(state, now, _options.NodeLeaseRenewInterval);
        }

        if (created)
        {
            _counters.LeaseCreated();
        }
        else
        {
            _counters.LeaseRenewed();
        }

        return null;
    }

    /// <summary>Create when <paramref name="resourceVersion"/> is null, else replace guarded by it.</summary>
    private Task<KubernetesResult<Lease>> PutLeaseAsync(SimulatedInstance state, string? nodeUid, DateTimeOffset now, string? resourceVersion, CancellationToken cancellationToken)
    {
        var lease = NodeLeases.Build(state.NodeName, nodeUid, _options.NodeLeaseDuration, now, resourceVersion);
        return resourceVersion is null
            ? state.Client.CreateAsync(KubernetesResources.Leases, lease, cancellationToken)
            : state.Client.ReplaceAsync(KubernetesResources.Leases, lease, cancellationToken);
    }

    /// <summary>The Ready status again with a fresh lastHeartbeatTime, as kubelet reports it even when nothing changed.</summary>
    private async Task PostReadyStatusAsync(SimulatedInstance state, CancellationToken cancellationToken)
    {
        DateTimeOffset since;
        lock (state)
        {
            since = state.ConditionsSince ?? _time.GetUtcNow();
        }

        var now = _time.GetUtcNow();
        var patched = await state.Client.PatchAsync(
            KubernetesResources.Nodes, null, state.NodeName, NodeObjects.ReadyHeartbeatPatch(since, now), PatchTarget.Status, cancellationToken)
            .ConfigureAwait(false);
        if (patched.IsSuccess)
        {
            lock (state)
            {
                state.StatusDueAt = NextSlot(state, now, _options.NodeStatusUpdateInterval);
            }

            _counters.StatusHeartbeat();
        }
        else if (patched.Error.IsNotFound)
        {
            NodeVanished(state);
        }
        else
        {
            HeartbeatFailed(state, "status", patched.Error, s => s.StatusDueAt = _time.GetUtcNow() + _options.RetryDelay);
        }
    }

    /// <summary>Deletes the node's Lease after its Node; a real API server's garbage collector may have been first.</summary>
    public async Task<KubernetesApiError?> DeleteLeaseAsync(SimulatedInstance state, CancellationToken cancellationToken)
    {
        var deleted = await state.Client.DeleteAsync(KubernetesResources.Leases, NodeLeases.Namespace, state.NodeName, null, notFoundIsSuccess: true, cancellationToken)
            .ConfigureAwait(false);
        if (!deleted.IsSuccess)
        {
            return deleted.Error;
        }

        _counters.LeaseDeleted();
        return null;
    }

    /// <summary>The kubelet came up (registered, or Ready after a restart): renew its Lease right away.</summary>
    public async Task StartAsync(SimulatedInstance state, CancellationToken cancellationToken)
    {
        var error = await WriteLeaseAsync(state, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            HeartbeatFailed(state, "lease", error, s => s.LeaseDueAt = _time.GetUtcNow() + _options.RetryDelay);
        }
    }
    private void HeartbeatFailed(SimulatedInstance state, string what, KubernetesApiError error, Action<SimulatedInstance> retry)
    {
        _counters.ApiFailure();
        Log.HeartbeatFailed(_logger, state.NodeName, what, error.ToString(), _options.RetryDelay.TotalSeconds);
        lock (state)
        {
            if (state.Phase is SimulatedNodePhase.Registered or SimulatedNodePhase.Ready)
            {
                retry(state);
            }
        }
    }
    /// <summary>The node's next heartbeat slot of <paramref name="period"/> after <paramref name="now"/>.</summary>
    public DateTimeOffset NextSlot(SimulatedInstance state, DateTimeOffset now, TimeSpan period) =>
        NodeLeases.NextSlot(_options.Seed, state.NodeName, now, period);

    private KubernetesApiError? NodeVanished(SimulatedInstance state)
    {
        state.NodeVanished(_time.GetUtcNow());
        return null;
    }
}
