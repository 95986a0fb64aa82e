namespace FastScale.Kubernetes.Adapters.Rollout;

/// <summary>
/// When each refused pod may be asked again: at the server's Retry-After when it gave one, else after a delay that
/// starts at <see cref="RolloutDrainOptions.FirstRetryDelay"/> and doubles per refusal of that pod up to
/// <see cref="RolloutDrainOptions.MaxRetryDelay"/>. Every delay is jittered (±20 %, or up to +20 % on a Retry-After,
/// which is a floor) so a node's refused pods do not come back in one burst. One per drain; not thread-safe.
/// </summary>
internal sealed class EvictionRetries(RolloutDrainOptions options, Func<double> random)
{
    private readonly Dictionary<string, (int Refusals, DateTimeOffset NotBefore)> _pods = new(StringComparer.Ordinal);

    public bool IsDue(string podUid, DateTimeOffset now) => !_pods.TryGetValue(podUid, out var pod) || pod.NotBefore <= now;

    /// <summary>The earliest moment any waiting pod may be asked again; null when none waits.</summary>
    public DateTimeOffset? NextDue => _pods.Count == 0 ? null : _pods.Values.Min(p => p.NotBefore);

    public void Refused(string podUid, DateTimeOffset now, TimeSpan? retryAfter)
    {
        var refusals = _pods.TryGetValue(podUid, out var pod) ? pod.Refusals + 1 : 1;
        TimeSpan delay;
        if (retryAfter is { } hint)
        {
            delay = hint * (1 + (0.2 * random()));
        }
        else
        {
            var doubled = options.FirstRetryDelay * Math.Pow(2, Math.Min(refusals - 1, 30));
            var capped = doubled < options.MaxRetryDelay ? doubled : options.MaxRetryDelay;
            delay = capped * (0.8 + (0.4 * random()));
        }

        _pods[podUid] = (refusals, now + delay);
    }

    public void Forget(string podUid) => _pods.Remove(podUid);
}
