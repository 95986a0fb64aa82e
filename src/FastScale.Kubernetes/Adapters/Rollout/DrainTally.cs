namespace FastScale.Kubernetes.Adapters.Rollout;

/// <summary>One drain's counts, added to from parallel evictions.</summary>
internal sealed class DrainTally
{
    private int _evicted;
    private int _refused;
    private int _forceDeleted;
    private int _failed;

    public int Evicted => Volatile.Read(ref _evicted);
    public int Refused => Volatile.Read(ref _refused);
    public int ForceDeleted => Volatile.Read(ref _forceDeleted);

    /// <summary>Evictions and deletes that failed otherwise than by a refusal (403, 500, no answer): retried, logged once at the end.</summary>
    public int Failed => Volatile.Read(ref _failed);

    public string? LastError { get; private set; }

    public void AddEvicted() => Interlocked.Increment(ref _evicted);

    public void AddRefused() => Interlocked.Increment(ref _refused);

    public void AddForceDeleted() => Interlocked.Increment(ref _forceDeleted);

    public void AddFailed(string error)
    {
        Interlocked.Increment(ref _failed);
        LastError = error;
    }
}
