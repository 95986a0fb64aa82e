namespace FastScale.Serve.Reload;

/// <summary>
/// Decides, poll by poll, when a policy file's content is due for loading: when it differs from the content last
/// loaded and has stayed the same for the debounce time. Content is compared by hash, so the events a ConfigMap's
/// symlink swap makes without changing a byte, or a touch, are no-ops; null stands for "could not be read".
/// </summary>
internal sealed class PolicyFileWatch(TimeSpan debounce, TimeProvider time)
{
    private string? _loaded;
    private string? _pending;
    private long _pendingSince;
    private bool _hasPending;

    /// <summary>The content (by hash) that was just loaded, whether it was applied or refused: not retried until it changes.</summary>
    public void Loaded(string? hash)
    {
        _loaded = hash;
        _hasPending = false;
    }

    /// <summary>True when <paramref name="hash"/>, read now, should be loaded now.</summary>
    public bool IsDue(string? hash)
    {
        if (hash == _loaded)
        {
            _hasPending = false;
            return false;
        }

        var now = time.GetTimestamp();
        if (!_hasPending || hash != _pending)
        {
            // First sight of this content, or it changed again mid-burst: the debounce starts over.
            (_pending, _pendingSince, _hasPending) = (hash, now, true);
            return debounce <= TimeSpan.Zero;
        }

        return time.GetElapsedTime(_pendingSince, now) >= debounce;
    }
}
