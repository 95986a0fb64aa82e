using System.Collections.Concurrent;
using FastScale.Engine.Background;
using FastScale.Engine.Cloud;
using FastScale.Engine.Launch;
using FastScale.Engine.Policy;

namespace FastScale.Engine.Repair;

/// <summary>
/// Reads every repairable instance back from the cloud, at most once per interval: DescribeInstances by id, 100 ids a
/// call, at <see cref="ApiPriority.Repair"/>. The status poller stops looking at an instance once it runs; this is
/// what notices one stopped or released later without our asking.
/// </summary>
/// <remarks>
/// ECS reads are eventually consistent: right after RunInstances an instance may be missing from an answer. So a
/// missing instance counts as gone only if the cloud showed it before (in an earlier answer, or to the status poller,
/// which is how the engine knows it as Running).
/// </remarks>
internal sealed class CloudStatusSweep(PacedCloud cloud, TimeProvider time, TimeSpan interval)
{
    private readonly ConcurrentDictionary<string, CloudPresence> _presence = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _answered = new(StringComparer.Ordinal);
    private readonly PacedSingleFlight _pace = new(time, interval);

    public CloudPresence PresenceOf(string instanceId) => _presence.GetValueOrDefault(instanceId, CloudPresence.Present);

    /// <summary>
    /// Starts a sweep over <paramref name="instances"/> (instance id → whether the cloud has shown it already) if one is
    /// due; returns it, or null when none was started.
    /// </summary>
    public Task? TryStart(IReadOnlyDictionary<string, bool> instances, CancellationToken cancellationToken)
    {
        if (instances.Count == 0)
        {
            return null;
        }

        return !_pace.TryBegin() ? null : SweepAsync(instances, cancellationToken);
    }

    private async Task SweepAsync(IReadOnlyDictionary<string, bool> instances, CancellationToken cancellationToken)
    {
        try
        {
            // Forget instances no longer in any group, so the maps stay the size of the fleet.
            foreach (var id in _answered.Keys.Where(id => !instances.ContainsKey(id)))
            {
                _answered.TryRemove(id, out _);
                _presence.TryRemove(id, out _);
            }

            await Task.WhenAll(instances.Keys.Chunk(LaunchRequest.MaxAmount).Select(ids => SweepBatchAsync(ids, instances, cancellationToken)))
                .ConfigureAwait(false);
        }
        finally
        {
            _pace.End();
        }
    }

    private async Task SweepBatchAsync(string[] ids, IReadOnlyDictionary<string, bool> instances, CancellationToken cancellationToken)
    {
        var result = await cloud.DescribeInstancesAsync(ids, ApiPriority.Repair, cancellationToken)
            .ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            // Nothing learned; the next sweep asks again.
            return;
        }

        var found = result.Value!.ToDictionary(i => i.InstanceId, StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (found.TryGetValue(id, out var instance))
            {
                _answered[id] = 0;
                _presence[id] = instance.Status is CloudInstanceStatus.Stopped or CloudInstanceStatus.Stopping
                    ? CloudPresence.Stopped
                    : CloudPresence.Present;
            }
            else if (instances[id] || _answered.ContainsKey(id))
            {
                _presence[id] = CloudPresence.Gone;
            }
        }
    }
}
