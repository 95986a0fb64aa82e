using System.Net.Http.Headers;
using System.Text;

namespace FastScale.Kubernetes.Config;

/// <summary>Headers fixed by the configuration: basic authentication, impersonation, and the Host that carries
/// tls-server-name into the TLS handshake (SocketsHttpHandler takes the SNI name from the Host header).</summary>
internal sealed class StaticHeadersHandler(KubernetesClientConfig config, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly AuthenticationHeaderValue? _basic = config.Username is null
        ? null
        : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{config.Username}:{config.Password}")));

    public static bool IsNeeded(KubernetesClientConfig config) =>
        config.Username is not null || config.Impersonate is not null || config.TlsServerName is not null;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_basic is not null)
        {
            request.Headers.Authorization = _basic;
        }

        if (config.TlsServerName is { } serverName && request.RequestUri is { } uri)
        {
            request.Headers.Host = uri.IsDefaultPort ? serverName : $"{serverName}:{uri.Port}";
        }

        if (config.Impersonate is { } impersonate)
        {
            // Set, not added: a request repeated after a 401 arrives here again carrying the first pass's headers.
            foreach (var name in request.Headers.Select(h => h.Key).Where(k => k.StartsWith("Impersonate-", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                request.Headers.Remove(name);
            }

            request.Headers.TryAddWithoutValidation("Impersonate-User", impersonate.User);
            if (impersonate.Uid is not null)
            {
                request.Headers.TryAddWithoutValidation("Impersonate-Uid", impersonate.Uid);
            }

            foreach (var group in impersonate.Groups)
            {
                request.Headers.TryAddWithoutValidation("Impersonate-Group", group);
            }

            foreach (var (key, values) in impersonate.Extra)
            {
                // As client-go: the key is escaped into the header name, which cannot hold every character a key can.
                request.Headers.TryAddWithoutValidation("Impersonate-Extra-" + Uri.EscapeDataString(key), values);
            }
        }

        return base.SendAsync(request, cancellationToken);
    }
}
