using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace FastScale.Simulation.Cluster.Http;

/// <summary>
/// Who sent each request, judged as the API server judges it: a bearer token, basic credentials or a client
/// certificate from the configured authority; the Impersonate-* headers and the TLS server name (SNI) are recorded
/// as they arrived, each header line as its own value. Written from the API server's documentation, not from our
/// client, so a client that sends the wrong thing fails here.
/// </summary>
public sealed class ClusterAuthenticator
{
    private const int Remembered = 1000;
    private readonly ConcurrentDictionary<string, string> _tokens;
    private readonly ConcurrentDictionary<string, string> _passwords;
    private readonly X509Certificate2? _clientAuthority;
    private readonly bool _required;
    private readonly ConcurrentQueue<SeenRequest> _seen = new();
    private readonly ConcurrentQueue<string?> _serverNames = new();

    internal ClusterAuthenticator(ClusterSimulatorSecurity? security)
    {
        _tokens = new(security?.Tokens ?? [], StringComparer.Ordinal);
        _passwords = new(security?.Passwords ?? [], StringComparer.Ordinal);
        _clientAuthority = security?.ClientCertificateAuthority;
        _required = security?.RequireAuthentication ?? false;
    }

    /// <summary>The last requests (up to 1,000), oldest first.</summary>
    public IReadOnlyList<SeenRequest> Seen => [.. _seen];

    /// <summary>The SNI name of each TLS handshake (null when the client sent none).</summary>
    public IReadOnlyList<string?> ServerNames => [.. _serverNames];

    public void AcceptToken(string token, string user) => _tokens[token] = user;

    public void RevokeToken(string token) => _tokens.TryRemove(token, out _);

    internal void RecordServerName(string? name) => Remember(_serverNames, name);

    internal async Task HandleAsync(HttpContext context, RequestDelegate next)
    {
        var (user, method) = Identify(context);
        var headers = context.Request.Headers;
        var extra = headers
            .Where(h => h.Key.StartsWith("Impersonate-Extra-", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => Uri.UnescapeDataString(h.Key["Impersonate-Extra-".Length..]).ToLowerInvariant(), h => (IReadOnlyList<string>)h.Value.Select(v => v ?? "").ToList());
        Remember(_seen, new SeenRequest(
            user,
            method,
            NullIfEmpty(headers["Impersonate-User"].ToString()),
            NullIfEmpty(headers["Impersonate-Uid"].ToString()),
            headers["Impersonate-Group"].Select(v => v ?? "").ToList(),
            extra,
            context.Request.Host.Value,
            context.Request.Path.Value ?? ""));

        if (user is null && _required)
        {
            await ApiResponses.WriteErrorAsync(context, new ApiError(401, "Unauthorized", "Unauthorized"));
            return;
        }

        await next(context);
    }

    private (string? User, string Method) Identify(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return (_tokens.TryGetValue(authorization["Bearer ".Length..].Trim(), out var user) ? user : null, "token");
        }

        if (authorization.StartsWith("Basic ", StringComparison.Ordinal))
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim()));
            }
            catch (FormatException)
            {
                return (null, "basic");
            }

            var colon = decoded.IndexOf(':');
            var name = colon < 0 ? decoded : decoded[..colon];
            var password = colon < 0 ? "" : decoded[(colon + 1)..];
            return (_passwords.TryGetValue(name, out var expected) && expected == password ? name : null, "basic");
        }

        if (context.Connection.ClientCertificate is { } certificate && _clientAuthority is not null)
        {
            return (ChainsToAuthority(certificate) ? certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false) : null, "certificate");
        }

        return (null, "anonymous");
    }

    private bool ChainsToAuthority(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_clientAuthority!);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    private static void Remember<T>(ConcurrentQueue<T> queue, T item)
    {
        queue.Enqueue(item);
        while (queue.Count > Remembered && queue.TryDequeue(out _))
        {
        }
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
