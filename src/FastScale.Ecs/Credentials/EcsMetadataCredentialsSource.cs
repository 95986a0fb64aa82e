using System.Globalization;
using System.Net;

namespace FastScale.Ecs.Credentials;

/// <summary>
/// The ECS instance RAM role's STS credentials from the metadata service: in the security-hardened mode, a session
/// token first (<c>PUT /latest/api/token</c> with <c>X-aliyun-ecs-metadata-token-ttl-seconds</c>), sent back as
/// <c>X-aliyun-ecs-metadata-token</c>; then <c>/latest/meta-data/ram/security-credentials/</c> names the role and
/// <c>…/&lt;role&gt;</c> answers its credentials.
/// </summary>
public sealed class EcsMetadataCredentialsSource : ITemporaryCredentialsSource
{
    public const string TokenPath = "/latest/api/token";
    public const string CredentialsPath = "/latest/meta-data/ram/security-credentials/";
    public const string TokenHeader = "X-aliyun-ecs-metadata-token";
    public const string TokenTtlHeader = "X-aliyun-ecs-metadata-token-ttl-seconds";

    private readonly HttpClient _http;
    private readonly EcsMetadataOptions _options;
    private readonly Uri _endpoint;

    public EcsMetadataCredentialsSource(HttpClient http, EcsMetadataOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        _http = http;
        _options = options;
        _endpoint = new Uri(options.Endpoint);
    }

    public string Name => $"ECS RAM role {_options.RoleName ?? "(attached)"} via metadata";

    public async Task<TemporaryCredentials> FetchAsync(CancellationToken cancellationToken)
    {
        var token = await SessionTokenAsync(cancellationToken).ConfigureAwait(false);
        var role = _options.RoleName ?? await RoleNameAsync(token, cancellationToken).ConfigureAwait(false);
        var body = await GetAsync(CredentialsPath + Uri.EscapeDataString(role), token, cancellationToken).ConfigureAwait(false);
        using var document = StsAnswer.Parse(body, Name);
        var root = document.RootElement;
        if (root.ValueKind != System.Text.Json.JsonValueKind.Object
            || !root.TryGetProperty("Code", out var code) || code.GetString() != "Success")
        {
            throw new CredentialsUnavailableException($"{Name}: the metadata service did not answer Code Success for role {role}");
        }

        return StsAnswer.ReadCredentials(root, Name);
    }

    /// <summary>The hardened mode's token, or null where the instance only offers the plain mode and that is allowed.</summary>
    private async Task<string?> SessionTokenAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(_endpoint, TokenPath));
        request.Headers.Add(TokenTtlHeader, ((int)_options.MetadataTokenLifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Trim();
            }

            return _options.DisableImdsV1
                ? throw new CredentialsUnavailableException($"{Name}: the hardened mode's token was refused (HTTP {(int)response.StatusCode}) and IMDSv1 is disabled")
                : null;
        }
        catch (HttpRequestException ex) when (!_options.DisableImdsV1 && ex.StatusCode is not null)
        {
            return null;
        }
    }

    private async Task<string> RoleNameAsync(string? token, CancellationToken cancellationToken)
    {
        var body = await GetAsync(CredentialsPath, token, cancellationToken).ConfigureAwait(false);
        var role = System.Text.Encoding.UTF8.GetString(body).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return role is { Length: > 0 }
            ? role
            : throw new CredentialsUnavailableException($"{Name}: no RAM role is attached to this instance");
    }

    private async Task<byte[]> GetAsync(string path, string? token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_endpoint, path));
        if (token is not null)
        {
            request.Headers.Add(TokenHeader, token);
        }

        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new CredentialsUnavailableException($"{Name}: {path} not found (no RAM role of that name is attached)");
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new CredentialsUnavailableException($"{Name}: {path} answered HTTP {(int)response.StatusCode}");
        }

        return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
    }
}
