using FastScale.Engine.Policy;
using FastScale.Engine.Rollout;
using FastScale.Kubernetes.Adapters.Nodes;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Informers;
using FastScale.Kubernetes.Models;
using Microsoft.Extensions.Logging;

namespace FastScale.Kubernetes.Adapters.Rollout;

/// <summary>
/// Drains the Node of an instance through the Eviction API, as <c>kubectl drain</c> does: cordon and mark it
/// (<see cref="NodeDrainMarks"/>), then list its pods, evict those a drain moves (<see cref="DrainablePods"/>) a few at
/// a time, and list again until none is left. A refusal (429: a disruption budget allows no disruption until a
/// replacement elsewhere is Ready) is asked again after the server's Retry-After or a growing delay
/// (<see cref="EvictionRetries"/>). Every wait is on the injected clock.
/// </summary>
/// <remarks>
/// The node is found in the provider's node informer (indexed by <see cref="NodeIndexes"/>), then read fresh, so the
/// record of what the drain itself changed is true of the stored node. Nothing is kept between calls: a second drain
/// of the same instance finds the marks and the pods as the first left them.
/// </remarks>
internal sealed class KubernetesNodeDrainer(
    IKubernetesApiClient client,
    IInformer<Node> nodes,
    RolloutEvictionMetrics metrics,
    RolloutDrainOptions options,
    TimeProvider time,
    ILogger<KubernetesNodeDrainer> logger,
    Func<double>? random = null) : INodeDrainer
{
    private readonly Func<double> _random = random ?? Random.Shared.NextDouble;

    public async Task<DrainOutcome> DrainAsync(DrainRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = time.GetTimestamp();
        var deadline = time.GetUtcNow() + request.Timeout;
        await nodes.WaitForSyncAsync(cancellationToken).ConfigureAwait(false);
        if (NodeOf(request.InstanceId) is not { } name)
        {
            Log.DrainNodeGone(logger, request.InstanceId, request.GroupId);
            return new DrainOutcome(DrainResult.NodeGone);
        }

        var tally = new DrainTally();
        var result = await DrainNodeAsync(request, name, deadline, tally, cancellationToken).ConfigureAwait(false);
        Log.DrainEnded(logger, name, request.GroupId, result.ToString(), time.GetElapsedTime(started),
            tally.Evicted, tally.Refused, tally.ForceDeleted, tally.Failed, tally.LastError ?? "none");
        return new DrainOutcome(result, tally.Evicted, tally.Refused, tally.ForceDeleted);
    }

    public async Task ReleaseAsync(string instanceId, CancellationToken cancellationToken)
    {
        await nodes.WaitForSyncAsync(cancellationToken).ConfigureAwait(false);
        foreach (var cached in NodeIndexes.NodesOf(nodes, instanceId))
        {
            var name = cached.Metadata!.Name!;
            // A conflict means the node changed under us (the kubelet's status, a person): read it again and retry.
            for (var attempt = 0; attempt < 3; attempt++)
            {
                var read = await client.GetAsync(KubernetesResources.Nodes, null, name, cancellationToken).ConfigureAwait(false);
                if (!read.IsSuccess || NodeDrainMarks.Release(read.Value!) is not { } patch)
                {
                    break;
                }

                var patched = await client.PatchAsync(KubernetesResources.Nodes, null, name, patch, PatchTarget.Object, cancellationToken).ConfigureAwait(false);
                if (patched.IsSuccess)
                {
                    Log.Released(logger, name, instanceId);
                    break;
                }

                if (!patched.Error.IsConflict || attempt == 2)
                {
                    Log.ReleaseFailed(logger, name, instanceId, patched.Error.ToString());
                    break;
                }
            }
        }
    }

    /// <summary>The Node of the instance, ignoring one being deleted; null when none has registered.</summary>
    private string? NodeOf(string instanceId) =>
        NodeIndexes.NodesOf(nodes, instanceId).FirstOrDefault(n => n.Metadata?.DeletionTimestamp is null)?.Metadata?.Name;

    private async Task<DrainResult> DrainNodeAsync(DrainRequest request, string name, DateTimeOffset deadline, DrainTally tally, CancellationToken cancellationToken)
    {
        switch (await MarkAsync(request, name, deadline, cancellationToken).ConfigureAwait(false))
        {
            case MarkResult.NodeGone:
                return DrainResult.NodeGone;
            case MarkResult.TimedOut:
                return DrainResult.TimedOut;
        }

        Log.DrainStarted(logger, name, request.InstanceId, request.GroupId, request.Timeout, request.OnTimeout.ToString());
        var retries = new EvictionRetries(options, _random);
        var listFailed = false;
        while (true)
        {
            if (nodes.HasSynced && nodes.Get(name) is null)
            {
                // Deleted while draining (by a person, or the instance terminated): its pods go with it.
                return DrainResult.NodeGone;
            }

            var listed = await RemainingAsync(name, cancellationToken).ConfigureAwait(false);
            var now = time.GetUtcNow();
            if (listed.IsSuccess && listed.Value!.Count == 0)
            {
                return DrainResult.Drained;
            }

            if (now >= deadline)
            {
                return request.OnTimeout == DrainTimeoutAction.Force && listed.IsSuccess
                    ? await ForceAsync(request.GroupId, listed.Value!, tally, cancellationToken).ConfigureAwait(false)
                    : DrainResult.TimedOut;
            }

            if (!listed.IsSuccess)
            {
                if (!listFailed)
                {
                    Log.ListFailed(logger, name, request.GroupId, listed.Error.ToString());
                }

                listFailed = true;
            }

            var due = listed.IsSuccess
                ? listed.Value!.Where(p => !DrainablePods.IsTerminating(p) && retries.IsDue(p.Metadata!.Uid!, now)).ToList()
                : [];
            var evicted = await EvictAsync(request.GroupId, due, retries, tally, cancellationToken).ConfigureAwait(false);

            // Granted evictions are listed again at once: the pods may be gone already, and the drain done.
            if (evicted == 0)
            {
                await WaitAsync(Earliest(time.GetUtcNow() + options.PollInterval, retries.NextDue, deadline), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Reads the node fresh and puts the marks on it, retrying a conflict or a failure until the deadline.</summary>
    private async Task<MarkResult> MarkAsync(DrainRequest request, string name, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var warned = false;
        while (true)
        {
            var read = await client.GetAsync(KubernetesResources.Nodes, null, name, cancellationToken).ConfigureAwait(false);
            if (read.IsSuccess && read.Value!.Metadata?.DeletionTimestamp is not null || !read.IsSuccess && read.Error.IsNotFound)
            {
                return MarkResult.NodeGone;
            }

            KubernetesApiError? error = read.Error;
            if (read.IsSuccess)
            {
                if (NodeDrainMarks.Mark(read.Value!, request.GroupId) is not { } patch)
                {
                    return MarkResult.Marked;
                }

                var patched = await client.PatchAsync(KubernetesResources.Nodes, null, name, patch, PatchTarget.Object, cancellationToken).ConfigureAwait(false);
                if (patched.IsSuccess)
                {
                    return MarkResult.Marked;
                }

                if (patched.Error.IsConflict)
                {
                    continue;
                }

                error = patched.Error;
            }

            if (!warned)
            {
                Log.CordonFailed(logger, name, request.GroupId, error!.ToString());
                warned = true;
            }

            if (time.GetUtcNow() >= deadline)
            {
                return MarkResult.TimedOut;
            }

            await WaitAsync(Earliest(time.GetUtcNow() + options.PollInterval, null, deadline), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The node's pods a drain must still see leave.</summary>
    private async Task<KubernetesResult<List<Pod>>> RemainingAsync(string name, CancellationToken cancellationToken)
    {
        var listed = await client.ListAllAsync(KubernetesResources.Pods, null, new ListOptions { FieldSelector = "spec.nodeName=" + name }, cancellationToken)
            .ConfigureAwait(false);
        if (!listed.IsSuccess)
        {
            return listed.Error;
        }

        var now = time.GetUtcNow();
        return KubernetesResult<List<Pod>>.Success(
            [.. listed.Value!.Items.Where(p => !DrainablePods.IsLeftAlone(p) && !DrainablePods.HasLeft(p, now))]);
    }

    /// <summary>Evicts the pods, a few at a time; returns how many the server granted.</summary>
    private async Task<int> EvictAsync(string groupId, List<Pod> pods, EvictionRetries retries, DrainTally tally, CancellationToken cancellationToken)
    {
        var granted = 0;
        var answers = new (string Uid, KubernetesResult<EvictionAnswer> Answer)[pods.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, pods.Count),
            new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var meta = pods[i].Metadata!;
                answers[i] = (meta.Uid!, await client.EvictAsync(meta.Namespace!, meta.Name!, null, ct).ConfigureAwait(false));
            }).ConfigureAwait(false);

        // The retry schedule is not thread-safe: the answers are read here, after the parallel part.
        var now = time.GetUtcNow();
        foreach (var (uid, answer) in answers)
        {
            if (!answer.IsSuccess)
            {
                tally.AddFailed(answer.Error.ToString());
                retries.Refused(uid, now, answer.Error.RetryAfter);
                continue;
            }

            switch (answer.Value.Outcome)
            {
                case EvictionOutcome.Evicted:
                    granted++;
                    tally.AddEvicted();
                    retries.Forget(uid);
                    metrics.Record(groupId, RolloutEvictionMetrics.Evicted);
                    break;
                case EvictionOutcome.Refused:
                    tally.AddRefused();
                    retries.Refused(uid, now, answer.Value.RetryAfter);
                    metrics.Record(groupId, RolloutEvictionMetrics.Refused);
                    break;
                case EvictionOutcome.PodGone:
                    retries.Forget(uid);
                    metrics.Record(groupId, RolloutEvictionMetrics.Gone);
                    break;
            }
        }

        return granted;
    }

    /// <summary>Past the timeout, with the policy's leave: deletes what is left, disruption budgets notwithstanding.
    /// Pods already terminating are left to finish; the deletes use each pod's own grace period.</summary>
    private async Task<DrainResult> ForceAsync(string groupId, List<Pod> remaining, DrainTally tally, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(
            remaining.Where(p => !DrainablePods.IsTerminating(p)),
            new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = cancellationToken },
            async (pod, ct) =>
            {
                var meta = pod.Metadata!;
                var deleted = await client.DeleteAsync(KubernetesResources.Pods, meta.Namespace, meta.Name!, null, notFoundIsSuccess: true, ct).ConfigureAwait(false);
                if (!deleted.IsSuccess)
                {
                    tally.AddFailed(deleted.Error.ToString());
                }
                else if (deleted.Value == DeleteOutcome.Deleted)
                {
                    tally.AddForceDeleted();
                    metrics.Record(groupId, RolloutEvictionMetrics.Forced);
                }
                else
                {
                    metrics.Record(groupId, RolloutEvictionMetrics.Gone);
                }
            }).ConfigureAwait(false);
        return DrainResult.Forced;
    }

    private async Task WaitAsync(DateTimeOffset until, CancellationToken cancellationToken)
    {
        var left = until - time.GetUtcNow();
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static DateTimeOffset Earliest(DateTimeOffset poll, DateTimeOffset? retry, DateTimeOffset deadline)
    {
        var earliest = retry is { } due && due < poll ? due : poll;
        return earliest < deadline ? earliest : deadline;
    }

    private enum MarkResult
    {
        Marked,
        NodeGone,
        TimedOut,
    }
}
