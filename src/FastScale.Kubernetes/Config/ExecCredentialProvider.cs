namespace FastScale.Kubernetes.Config;

/// <summary>The plugin's credential, run once and shared until <c>status.expirationTimestamp</c> (on the injected
/// clock) or until the server rejects it; one run at a time however many requests wait for it.</summary>
internal sealed class ExecCredentialProvider(ExecPluginRunner runner, TimeProvider timeProvider)
{
    private readonly SemaphoreSlim _running = new(1, 1);
    private ExecCredential? _current;

    public async ValueTask<ExecCredential> GetAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _current);
        if (current is not null && !current.IsExpired(timeProvider.GetUtcNow()))
        {
            return current;
        }

        await _running.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            current = _current;
            if (current is null || current.IsExpired(timeProvider.GetUtcNow()))
            {
                current = await runner.RunAsync(cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _current, current);
            }

            return current;
        }
        finally
        {
            _running.Release();
        }
    }

    /// <summary>The server answered 401 to <paramref name="used"/>: forget it, unless a concurrent request already
    /// replaced it (then the newer one stands and the plugin is not run twice).</summary>
    public void Reject(ExecCredential used) => Interlocked.CompareExchange(ref _current, null, used);
}
