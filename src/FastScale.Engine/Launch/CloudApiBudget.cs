using System.Collections.Concurrent;
using FastScale.Engine.Cloud;
using FastScale.Engine.Policy;
using Microsoft.Extensions.Logging;

namespace FastScale.Engine.Launch;

/// <summary>
/// The account's API budget: one token bucket per cloud action, shared by every node group and every component
/// (launcher, status poller, repair, warm pools), because ECS limits each action per account and region, not per caller.
/// Rates come from the policy's pacing (<see cref="ScalePolicy.PacingFor"/>).
/// </summary>
public sealed class CloudApiBudget : IDisposable
{
    private readonly ConcurrentDictionary<CloudAction, ActionTokenBucket> _buckets = new();
    private readonly Lock _create = new();
    private volatile ScalePolicy _policy;
    private readonly CloudApiBudgetOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<CloudApiBudget> _logger;
    private readonly bool _ownsMetrics;

    /// <param name="metrics">Where calls, throttles and in-flight calls are counted; null: a private instance.</param>
    public CloudApiBudget(
        ScalePolicy policy, CloudApiBudgetOptions options, TimeProvider time, ILogger<CloudApiBudget> logger, CloudApiMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        (_policy, _options, _time, _logger) = (policy, options, time, logger);
        _ownsMetrics = metrics is null;
        Metrics = metrics ?? new CloudApiMetrics();
    }

    /// <summary>The counters of every call paced here; the launcher adds its retries.</summary>
    public CloudApiMetrics Metrics { get; }

    /// <summary>Throttled answers that lowered an action's rate, over all actions (calls already in flight do not count twice).</summary>
    public long Throttles => _buckets.Values.Sum(b => b.Throttles);

    public bool IsPaused(CloudAction action) => Bucket(action).IsPaused;

    public bool IsProbing(CloudAction action) => Bucket(action).IsProbing;

    /// <summary>The calls per second <paramref name="action"/> is paced at now: its policy QPS, or less after throttles.</summary>
    public double CurrentQps(CloudAction action) => Bucket(action).CurrentQps;

    /// <summary>
    /// Waits for a permit of <paramref name="action"/>; higher priorities are served first. Every permit must come back
    /// through <see cref="Report"/> or <see cref="Abandon"/>: a call holds its place in the action's window until then
    /// (<see cref="CallAsync{T}"/> does both).
    /// </summary>
    public Task<ApiPermit> AcquireAsync(CloudAction action, ApiPriority priority, CancellationToken cancellationToken) =>
        Bucket(action).AcquireAsync(priority, cancellationToken);

    /// <summary>Tells the budget how a permitted call ended; a throttled answer lowers the action's rate and starts probing.</summary>
    public void Report(ApiPermit permit, CloudError? error)
    {
        if (Bucket(permit.Action).Report(permit, error))
        {
            Metrics.Throttled(permit.Action);
        }
    }

    /// <summary>Tells the budget a permitted call ended without an answer (cancelled), so its place is given back.</summary>
    public void Abandon(ApiPermit permit) => Bucket(permit.Action).Abandon(permit);

    /// <summary>
    /// One paced call: waits for a permit, calls, reports the answer. A throttled answer is not returned: the call queues
    /// again (behind the probe that follows, at its priority) and goes again, until it gets a real answer.
    /// <paramref name="call"/> must make exactly one request of <paramref name="action"/>, so every request the cloud
    /// counts is paced and counted here (<see cref="PacedCloud"/> keeps to that).
    /// </summary>
    public async Task<CloudResult<T>> CallAsync<T>(
        CloudAction action, ApiPriority priority, Func<CancellationToken, Task<CloudResult<T>>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        while (true)
        {
            var permit = await AcquireAsync(action, priority, cancellationToken).ConfigureAwait(false);
            CloudResult<T> result;
            Metrics.CallStarted(action);
            try
            {
                result = await call(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                // Cancelled (or a bug in the cloud adapter): no answer to count, but the call is no longer in flight.
                Metrics.CallAborted(action);
                Abandon(permit);
                throw;
            }

            Metrics.CallEnded(action, result.Error);
            Report(permit, result.Error);
            if (result.Error?.Kind != CloudErrorKind.Throttled)
            {
                return result;
            }
        }
    }

    /// <summary>
    /// Paces by a reloaded policy: each action already in use is re-rated in place (calls in flight keep their permits),
    /// the others are created at the new pacing when first used.
    /// </summary>
    public void Repace(ScalePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        KeyValuePair<CloudAction, ActionTokenBucket>[] buckets;
        lock (_create)
        {
            _policy = policy;
            buckets = [.. _buckets];
        }

        // Outside the creation lock: re-pacing may grant permits, and their callers continue inline.
        foreach (var (action, bucket) in buckets)
        {
            bucket.Repace(policy.PacingFor(action));
        }
    }

    public void Dispose()
    {
        foreach (var bucket in _buckets.Values)
        {
            bucket.Dispose();
        }

        if (_ownsMetrics)
        {
            Metrics.Dispose();
        }
    }

    private ActionTokenBucket Bucket(CloudAction action)
    {
        if (_buckets.TryGetValue(action, out var bucket))
        {
            return bucket;
        }

        // Created under a lock: a bucket that lost a race would keep a timer nobody disposes.
        lock (_create)
        {
            if (!_buckets.TryGetValue(action, out bucket))
            {
                bucket = new ActionTokenBucket(action, _policy.PacingFor(action), _options, _time, _logger);
                _buckets[action] = bucket;
            }

            return bucket;
        }
    }
}
