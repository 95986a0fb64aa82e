using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Models;

namespace FastScale.Simulation.Nodes;

/// <summary>
/// Heartbeats of running kubelets, so a real node lifecycle controller keeps their Nodes Ready: the node Lease renewed
/// every <see cref="KubeletSimulatorOptions.NodeLeaseRenewInterval"/> while the Node is Registered or Ready, and the Ready
/// status posted again every <see cref="KubeletSimulatorOptions.NodeStatusUpdateInterval"/>. Each node renews in its own
/// slot of the period (<see cref="NodeLeases.PhaseOf"/>), so many nodes write a steady trickle, not a burst.
/// </summary>
public sealed partial class KubeletSimulator
{
    /// <summary>Due heartbeats wait up to this long to share a pass: with spread slots, every node would otherwise wake
    /// the loop on its own (1,000 nodes: 100 passes a second, each scanning every node).</summary>
    private static readonly TimeSpan HeartbeatBatchWindow = TimeSpan.FromMilliseconds(100);

    /// <summary>Renews the Lease and posts the status when due. A failure is retried after
    /// <see cref="KubeletSimulatorOptions.RetryDelay"/>, well within the lease's duration.</summary>
    private async Task HeartbeatAsync(SimulatedInstance state, CancellationToken cancellationToken)
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
            var node = await _kubernetes.GetAsync(KubernetesResources.Nodes, null, state.NodeName, cancellationToken).ConfigureAwait(false);
            if (!node.IsSuccess)
            {
                return node.Error.IsNotFound ? NodeVanished(state) : node.Error;
            }

            uid = node.Value!.Metadata?.Uid;
        }

        var now = _time.GetUtcNow();
        var created = version is null;
        var written = await PutLeaseAsync(state.NodeName, uid, now, version, cancellationToken).ConfigureAwait(false);
        if (!written.IsSuccess && !created && written.Error.IsNotFound)
        {
            created = true;
            written = await PutLeaseAsync(state.NodeName, uid, now, null, cancellationToken).ConfigureAwait(false);
        }

        if (!written.IsSuccess && (written.Error.IsConflict || written.Error.IsAlreadyExists))
        {
            var current = await _kubernetes.GetAsync(KubernetesResources.Leases, NodeLeases.Namespace, state.NodeName, cancellationToken).ConfigureAwait(false);
            created = !current.IsSuccess && current.Error.IsNotFound;
            written = current.IsSuccess || created
                ? await PutLeaseAsync(state.NodeName, uid, now, current.Value?.Metadata?.ResourceVersion, cancellationToken).ConfigureAwait(false)
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
            state.LeaseDueAt = NextSlot(state, now, _options.NodeLeaseRenewInterval);
        }

        if (created)
        {
            Counters.LeaseCreated();
        }
        else
        {
            Counters.LeaseRenewed();
        }

        return null;
    }

    /// <summary>Create when <paramref name="resourceVersion"/> is null, else replace guarded by it.</summary>
    private Task<KubernetesResult<Lease>> PutLeaseAsync(string nodeName, string? nodeUid, DateTimeOffset now, string? resourceVersion, CancellationToken cancellationToken)
    {
        var lease = NodeLeases.Build(nodeName, nodeUid, _options.NodeLeaseDuration, now, resourceVersion);
        return resourceVersion is null
            ? _kubernetes.CreateAsync(KubernetesResources.Leases, lease, cancellationToken)
            : _kubernetes.ReplaceAsync(KubernetesResources.Leases, lease, cancellationToken);
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
        var patched = await _kubernetes.PatchAsync(
            KubernetesResources.Nodes, null, state.NodeName, NodeObjects.ReadyHeartbeatPatch(since, now), PatchTarget.Status, cancellationToken)
            .ConfigureAwait(false);
        if (patched.IsSuccess)
        {
            lock (state)
            {
                state.StatusDueAt = NextSlot(state, now, _options.NodeStatusUpdateInterval);
            }

            Counters.StatusHeartbeat();
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
    private async Task<KubernetesApiError?> DeleteLeaseAsync(SimulatedInstance state, CancellationToken cancellationToken)
    {
        var deleted = await _kubernetes.DeleteAsync(KubernetesResources.Leases, NodeLeases.Namespace, state.NodeName, null, notFoundIsSuccess: true, cancellationToken)
            .ConfigureAwait(false);
        if (!deleted.IsSuccess)
        {
            return deleted.Error;
        }

        Counters.LeaseDeleted();
        return null;
    }

    /// <summary>The kubelet came up (registered, or Ready after a restart): renew its Lease right away.</summary>
    private async Task StartHeartbeatsAsync(SimulatedInstance state, CancellationToken cancellationToken)
    {
        var error = await WriteLeaseAsync(state, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            HeartbeatFailed(state, "lease", error, s => s.LeaseDueAt = _time.GetUtcNow() + _options.RetryDelay);
        }
    }

    /// <summary>Stops heartbeats of a kubelet that is down (stopped instance) or whose Node is gone.</summary>
    private static void StopHeartbeats(SimulatedInstance state)
    {
        state.LeaseDueAt = null;
        state.StatusDueAt = null;
    }

    private void HeartbeatFailed(SimulatedInstance state, string what, KubernetesApiError error, Action<SimulatedInstance> retry)
    {
        Counters.ApiFailure();
        Log.HeartbeatFailed(_logger, state.NodeName, what, error.ToString(), _options.RetryDelay.TotalSeconds);
        lock (state)
        {
            if (state.Phase is SimulatedNodePhase.Registered or SimulatedNodePhase.Ready)
            {
                retry(state);
            }
        }
    }

    /// <summary>The node's next slot after <paramref name="now"/>: the same offset within every period, so a late
    /// renewal does not drift its successors and nodes registered together stay spread.</summary>
    private DateTimeOffset NextSlot(SimulatedInstance state, DateTimeOffset now, TimeSpan period)
    {
        var offset = (long)(NodeLeases.PhaseOf(_options.Seed, state.NodeName) * period.Ticks);
        var periods = ((now.UtcTicks - offset) / period.Ticks) + 1;
        return new DateTimeOffset((periods * period.Ticks) + offset, TimeSpan.Zero);
    }
}
