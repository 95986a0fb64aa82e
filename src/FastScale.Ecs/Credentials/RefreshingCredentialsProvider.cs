using Microsoft.Extensions.Logging;

namespace FastScale.Ecs.Credentials;

/// <summary>
/// Temporary credentials from a <see cref="ITemporaryCredentialsSource"/>, renewed before they expire. At most one
/// refresh is in flight: every request that finds the cache due joins it instead of starting its own, so a burst of
/// launches costs one STS (or metadata) call. A failed refresh is retried no sooner than
/// <see cref="CredentialRefreshOptions.RetryInterval"/>; until the cached set actually expires it keeps being served.
/// </summary>
public sealed class RefreshingCredentialsProvider : ICredentialsProvider, IDisposable
{
    private readonly ITemporaryCredentialsSource _source;
    private readonly CredentialRefreshOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _disposed = new();
    private readonly Lock _gate = new();
    private Cached? _current;
    private Task? _inFlight;
    private DateTimeOffset _retryNotBefore = DateTimeOffset.MinValue;
    private string? _lastFailure;
    private int _refreshes;

    public RefreshingCredentialsProvider(
        ITemporaryCredentialsSource source, CredentialRefreshOptions options, TimeProvider time, ILogger<RefreshingCredentialsProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        _source = source;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public string Source => _source.Name;

    /// <summary>Refreshes that succeeded so far (the first fetch included).</summary>
    public int Refreshes => Volatile.Read(ref _refreshes);

    public async ValueTask<EcsCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
    {
        Task refresh;
        TaskCompletionSource? started = null;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (_current is { } fresh && now < fresh.RefreshAt)
            {
                return fresh.Value.Credentials;
            }

            if (_inFlight is null || _inFlight.IsCompleted)
            {
                if (now < _retryNotBefore)
                {
                    // Paced after a failure: serve what still works, or the failure, without calling the source again.
                    return _current is { } stale && now < stale.Value.Expiration
                        ? stale.Value.Credentials
                        : throw new CredentialsUnavailableException(_lastFailure ?? $"{Source}: no credentials yet");
                }

                // Started outside the lock: the source may answer synchronously (the in-process emulator does).
                started = new TaskCompletionSource();
                _inFlight = started.Task;
            }

            refresh = _inFlight;
        }

        if (started is not null)
        {
            // Not tied to this caller's token: the other waiters need the outcome even if this caller gives up.
            _ = CompleteAsync(started);
        }

        await refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            return _current is { } after && now < after.Value.Expiration
                ? after.Value.Credentials
                : throw new CredentialsUnavailableException(_lastFailure ?? $"{Source}: the credentials it gave are already expired");
        }
    }

    public void ReportExpired(EcsCredentials rejected)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        lock (_gate)
        {
            // Only the set that was refused: a renewal may already have replaced it.
            if (_current is { } current && ReferenceEquals(current.Value.Credentials, rejected))
            {
                _current = current with { RefreshAt = DateTimeOffset.MinValue };
            }
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }

    private async Task CompleteAsync(TaskCompletionSource done)
    {
        await RefreshAsync().ConfigureAwait(false);
        done.SetResult();
    }

    /// <summary>Never faults: the outcome is left in the cache or in <see cref="_lastFailure"/> for every waiter to read.</summary>
    private async Task RefreshAsync()
    {
        var started = _time.GetUtcNow();
        try
        {
            using var deadline = new CancellationTokenSource(_options.FetchTimeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, _disposed.Token);
            TemporaryCredentials fetched;
            try
            {
                fetched = await _source.FetchAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!_disposed.IsCancellationRequested)
            {
                throw new CredentialsUnavailableException($"{Source}: no answer within {_options.FetchTimeout.TotalSeconds:0.###} s");
            }

            var lifetime = fetched.Expiration - started;
            var ahead = lifetime > TimeSpan.Zero && _options.RefreshAhead > lifetime / 2 ? lifetime / 2 : _options.RefreshAhead;
            var entry = new Cached(fetched, fetched.Expiration - ahead);
            lock (_gate)
            {
                _current = entry;
                _lastFailure = null;
                _refreshes++;
            }

            Log.Refreshed(_logger, Source, fetched.Expiration, lifetime.TotalSeconds, entry.RefreshAt);
        }
        catch (Exception ex) when (ex is CredentialsUnavailableException or HttpRequestException or IOException)
        {
            var retryAt = _time.GetUtcNow() + _options.RetryInterval;
            var failure = ex is CredentialsUnavailableException ? ex.Message : $"{Source}: {ex.GetType().Name}: {ex.Message}";
            string cached;
            lock (_gate)
            {
                _lastFailure = failure;
                _retryNotBefore = retryAt;
                cached = _current is { } c && started < c.Value.Expiration ? $"valid until {c.Value.Expiration:O}" : "none";
            }

            Log.RefreshFailed(_logger, Source, failure, cached, retryAt);
        }
        catch (OperationCanceledException)
        {
            lock (_gate)
            {
                _lastFailure = $"{Source}: shutting down";
            }
        }
    }

    private sealed record Cached(TemporaryCredentials Value, DateTimeOffset RefreshAt);
}
