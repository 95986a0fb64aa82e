using FastScale.Engine.Background;
using FastScale.Engine.Cloud;
using FastScale.Engine.NodeGroups;
using FastScale.Engine.Policy;

namespace FastScale.Engine.Launch;

/// <summary>
/// Reads back the states of instances still coming up: DescribeInstances by id, 100 ids a call, all batches of a poll
/// at once through the budget at <see cref="ApiPriority.StatusPoll"/> (so a burst's RunInstances never waits behind
/// it), and no poll sooner than <c>interval</c> after the previous one started (ECS asks for 1–2 s per batch).
/// Running instances are not polled again: node readiness is the cluster's business from there on.
/// </summary>
internal sealed class InstanceStatusPoller(NodeGroupRegistry registry, PacedCloud cloud, TimeProvider time, TimeSpan interval)
{
    private readonly PacedSingleFlight _pace = new(time, interval);

    /// <summary>Starts a poll if one is due and something is coming up; returns it, or null when there was nothing to do.</summary>
    public Task? TryStart(CancellationToken cancellationToken)
    {
        var coming = new Dictionary<string, NodeGroup>(StringComparer.Ordinal);
        foreach (var group in registry.Groups)
        {
            foreach (var instance in group.Instances)
            {
                if (instance.Lifecycle == InstanceLifecycle.Launched)
                {
                    coming[instance.InstanceId] = group;
                }
            }
        }

        if (coming.Count == 0)
        {
            return null;
        }

        return !_pace.TryBegin() ? null : PollAsync(coming, cancellationToken);
    }

    private async Task PollAsync(Dictionary<string, NodeGroup> coming, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(coming.Keys.Chunk(LaunchRequest.MaxAmount).Select(ids => PollBatchAsync(ids, coming, cancellationToken)))
                .ConfigureAwait(false);
        }
        finally
        {
            _pace.End();
        }
    }

    private async Task PollBatchAsync(string[] ids, Dictionary<string, NodeGroup> coming, CancellationToken cancellationToken)
    {
        var result = await cloud.DescribeInstancesAsync(ids, ApiPriority.StatusPoll, cancellationToken)
            .ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            // The next poll asks again; an instance missing from the answer may simply not be visible yet.
            return;
        }

        foreach (var instance in result.Value!)
        {
            if (coming.TryGetValue(instance.InstanceId, out var group))
            {
                group.ObserveCloud(instance.InstanceId, instance.Status);
            }
        }
    }
}
