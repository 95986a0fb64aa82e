using System.Globalization;
using System.Net.Http.Headers;
using FastScale.Ecs.Credentials;
using FastScale.Ecs.Signing;

namespace FastScale.Ecs.Client;

/// <summary>
/// Turns an action and its parameters into a signed <c>POST /</c>: parameters in the query string, empty body,
/// headers as the official SDK sends them. The query sent is exactly the canonical query, so what goes on the
/// wire and what was signed cannot drift apart.
/// </summary>
internal sealed class EcsRequestFactory(
    Uri endpoint,
    EcsSignatureVersion version,
    TimeProvider time,
    Func<string> nonceSource)
{
    private const string Method = "POST";

    /// <param name="credentials">The credentials of this request: temporary ones change between requests.</param>
    public HttpRequestMessage Create(string action, IReadOnlyList<KeyValuePair<string, string>> parameters, EcsCredentials credentials) =>
        version == EcsSignatureVersion.V1 ? CreateV1(action, parameters, credentials) : CreateV3(action, parameters, credentials);

    private HttpRequestMessage CreateV3(string action, IReadOnlyList<KeyValuePair<string, string>> parameters, EcsCredentials credentials)
    {
        var headers = new List<KeyValuePair<string, string>>
        {
            new("host", endpoint.Authority),
            new("x-acs-action", action),
            new("x-acs-version", EcsClientOptions.ApiVersion),
            new("x-acs-date", Timestamp()),
            new("x-acs-signature-nonce", nonceSource()),
            new("x-acs-content-sha256", AcsSignatureV3.EmptyBodySha256),
        };
        if (credentials.SecurityToken is { } token)
        {
            headers.Add(new("x-acs-security-token", token));
        }

        var signedHeaders = AcsSignatureV3.SelectSignedHeaders(headers.Select(static h => h.Key));
        var signature = AcsSignatureV3.ComputeSignature(
            Method, "/", parameters, headers, signedHeaders, AcsSignatureV3.EmptyBodySha256, credentials.AccessKeySecret);

        var request = NewRequest(AcsSignatureV3.CanonicalQuery(parameters));
        request.Headers.Host = endpoint.Authority;
        foreach (var (name, value) in headers.Where(static h => h.Key != "host"))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        request.Headers.TryAddWithoutValidation(
            "Authorization", AcsSignatureV3.AuthorizationHeader(credentials.AccessKeyId, signedHeaders, signature));
        return request;
    }

    private HttpRequestMessage CreateV1(string action, IReadOnlyList<KeyValuePair<string, string>> parameters, EcsCredentials credentials)
    {
        var all = new List<KeyValuePair<string, string>>(parameters)
        {
            new("Action", action),
            new("Version", EcsClientOptions.ApiVersion),
            new("Format", "JSON"),
            new("AccessKeyId", credentials.AccessKeyId),
            new("SignatureMethod", AcsSignatureV1.SignatureMethod),
            new("SignatureVersion", AcsSignatureV1.SignatureVersion),
            new("SignatureNonce", nonceSource()),
            new("Timestamp", Timestamp()),
        };
        if (credentials.SecurityToken is { } token)
        {
            all.Add(new("SecurityToken", token));
        }

        var signature = AcsSignatureV1.ComputeSignature(Method, all, credentials.AccessKeySecret);
        return NewRequest(AcsSignatureV1.CanonicalQuery(all) + "&Signature=" + AcsPercentEncoding.Encode(signature));
    }

    private HttpRequestMessage NewRequest(string query)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, "/?" + query))
        {
            // An explicit empty body: content-length 0 and no content-type, as the SDK sends.
            Content = new ByteArrayContent([]),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    private string Timestamp() =>
        time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
