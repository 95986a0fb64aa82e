using System.Globalization;
using FastScale.Ecs.Endpoints;

namespace FastScale.Ecs.Credentials;

/// <summary>
/// STS <c>AssumeRoleWithOIDC</c> (API version 2015-04-01), an RPC-style call that is anonymous: the OIDC token is the
/// proof, so nothing is signed. Every parameter goes in a form body rather than the query, keeping the token out of
/// URLs that proxies and access logs record.
/// </summary>
public sealed class OidcRoleCredentialsSource : ITemporaryCredentialsSource
{
    public const string Action = "AssumeRoleWithOIDC";
    public const string ApiVersion = "2015-04-01";

    private readonly HttpClient _http;
    private readonly OidcRoleOptions _options;
    private readonly TimeProvider _time;
    private readonly Uri _endpoint;

    public OidcRoleCredentialsSource(HttpClient http, OidcRoleOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        _http = http;
        _options = options;
        _time = time;
        EcsEndpoint.TryParse(options.StsEndpoint, out var endpoint, out _);
        _endpoint = endpoint!;
    }

    public string Name => $"RRSA role {_options.RoleArn}";

    public async Task<TemporaryCredentials> FetchAsync(CancellationToken cancellationToken)
    {
        var token = await ReadTokenAsync(cancellationToken).ConfigureAwait(false);
        var form = new Dictionary<string, string>
        {
            ["Action"] = Action,
            ["Version"] = ApiVersion,
            ["Format"] = "JSON",
            ["Timestamp"] = _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["RoleArn"] = _options.RoleArn,
            ["OIDCProviderArn"] = _options.OidcProviderArn,
            ["RoleSessionName"] = _options.RoleSessionName,
            ["DurationSeconds"] = ((int)_options.SessionDuration.TotalSeconds).ToString(CultureInfo.InvariantCulture),
            ["OIDCToken"] = token,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("x-acs-action", Action);
        request.Headers.Add("x-acs-version", ApiVersion);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new CredentialsUnavailableException($"{Name}: STS {Action} refused: {StsAnswer.DescribeError((int)response.StatusCode, body)}");
        }

        using var document = StsAnswer.Parse(body, Name);
        return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
            && document.RootElement.TryGetProperty("Credentials", out var credentials)
            ? StsAnswer.ReadCredentials(credentials, Name)
            : throw new CredentialsUnavailableException($"{Name}: the STS answer has no Credentials");
    }

    private async Task<string> ReadTokenAsync(CancellationToken cancellationToken)
    {
        string token;
        try
        {
            token = (await File.ReadAllTextAsync(_options.TokenFile, cancellationToken).ConfigureAwait(false)).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CredentialsUnavailableException($"{Name}: cannot read the OIDC token file {_options.TokenFile} ({ex.GetType().Name})");
        }

        return token.Length >= 4
            ? token
            : throw new CredentialsUnavailableException($"{Name}: the OIDC token file {_options.TokenFile} is empty");
    }
}
