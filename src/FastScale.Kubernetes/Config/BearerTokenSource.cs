using Microsoft.Extensions.Logging;

namespace FastScale.Kubernetes.Config;

/// <summary>The bearer token for each request: a fixed one, or a file re-read once per refresh interval, since
/// projected service-account tokens are rewritten by the kubelet before they expire.</summary>
internal sealed class BearerTokenSource
{
    private readonly string? _fixedToken;
    private readonly string? _tokenFile;
    private readonly TimeSpan _refreshInterval;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _reading = new(1, 1);
    private string? _token;
    private long _readAt;

    public BearerTokenSource(KubernetesClientConfig config, TimeProvider timeProvider, ILogger logger)
    {
        _fixedToken = config.Token;
        _tokenFile = config.TokenFile;
        _refreshInterval = config.TokenRefreshInterval;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public bool HasToken => _fixedToken is not null || _tokenFile is not null;

    public async ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_tokenFile is null)
        {
            return _fixedToken;
        }

        if (_token is not null && _timeProvider.GetElapsedTime(_readAt) < _refreshInterval)
        {
            return _token;
        }

        await _reading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is null || _timeProvider.GetElapsedTime(_readAt) >= _refreshInterval)
            {
                await ReadAsync(_tokenFile, cancellationToken).ConfigureAwait(false);
            }

            return _token ?? _fixedToken;
        }
        finally
        {
            _reading.Release();
        }
    }

    private async Task ReadAsync(string tokenFile, CancellationToken cancellationToken)
    {
        try
        {
            var text = (await File.ReadAllTextAsync(tokenFile, cancellationToken).ConfigureAwait(false)).Trim();
            if (text.Length > 0)
            {
                _token = text;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Keep the previous token: the kubelet replaces the file by a rename, and a momentary miss must not log us out.
            Log.TokenFileUnreadable(_logger, tokenFile, e.Message);
        }

        _readAt = _timeProvider.GetTimestamp();
    }
}
