using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace FastScale.Kubernetes.Config;

/// <summary>Authenticates each request with the plugin's credential and, when the server answers 401, runs the
/// plugin again and repeats the request once. A plugin that returns client certificates gets a connection pool per
/// certificate: TLS client authentication happens once per connection, so a rotated certificate needs new ones.</summary>
internal sealed class ExecCredentialHandler(
    ExecCredentialProvider credentials,
    Func<X509Certificate2?, HttpMessageHandler> createInner,
    string command,
    ILogger logger) : HttpMessageHandler
{
    private readonly Lock _lock = new();
    private readonly List<HttpMessageInvoker> _retired = [];
    private string? _thumbprint;
    private HttpMessageInvoker? _inner;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var credential = await credentials.GetAsync(cancellationToken).ConfigureAwait(false);
        var response = await SendWithAsync(request, credential, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        Log.ExecCredentialRejected(logger, command);
        credentials.Reject(credential);
        var fresh = await credentials.GetAsync(cancellationToken).ConfigureAwait(false);
        response.Dispose();
        return await SendWithAsync(Copy(request), fresh, cancellationToken).ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (_lock)
            {
                _inner?.Dispose();
                _retired.ForEach(r => r.Dispose());
            }
        }

        base.Dispose(disposing);
    }

    private Task<HttpResponseMessage> SendWithAsync(HttpRequestMessage request, ExecCredential credential, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = credential.Token is null ? null : new AuthenticationHeaderValue("Bearer", credential.Token);
        return Inner(credential.ClientCertificate).SendAsync(request, cancellationToken);
    }

    private HttpMessageInvoker Inner(X509Certificate2? certificate)
    {
        var thumbprint = certificate?.Thumbprint;
        lock (_lock)
        {
            if (_inner is null || thumbprint != _thumbprint)
            {
                // Requests still running on the old pool finish there; it is disposed with this handler.
                if (_inner is not null)
                {
                    _retired.Add(_inner);
                }

                _inner = new HttpMessageInvoker(createInner(certificate), disposeHandler: true);
                _thumbprint = thumbprint;
            }

            return _inner;
        }
    }

    /// <summary>A request is sent once; the repeat is a copy sharing the (buffered) body, which the caller disposes.</summary>
    private static HttpRequestMessage Copy(HttpRequestMessage request)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri)
        {
            Content = request.Content,
            Version = request.Version,
            VersionPolicy = request.VersionPolicy,
        };
        foreach (var header in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        foreach (var option in request.Options)
        {
            ((IDictionary<string, object?>)copy.Options)[option.Key] = option.Value;
        }

        return copy;
    }
}
