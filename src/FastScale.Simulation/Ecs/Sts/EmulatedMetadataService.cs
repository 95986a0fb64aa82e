using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;

namespace FastScale.Simulation.Ecs.Sts;

/// <summary>
/// The part of the ECS instance metadata service a credential chain reads: the hardened mode's session token
/// (<c>PUT /latest/api/token</c>), the attached RAM role's name and that role's temporary key.
/// </summary>
public sealed class EmulatedMetadataService
{
    public const string TokenPath = "/latest/api/token";
    public const string CredentialsPath = "/latest/meta-data/ram/security-credentials/";
    public const string TokenHeader = "X-aliyun-ecs-metadata-token";
    public const string TokenTtlHeader = "X-aliyun-ecs-metadata-token-ttl-seconds";

    private readonly EmulatedStsOptions _options;
    private readonly TimeProvider _time;
    private readonly TemporaryKeyStore _keys;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _sessionTokens = new(StringComparer.Ordinal);

    internal EmulatedMetadataService(EmulatedStsOptions options, TimeProvider time, TemporaryKeyStore keys)
    {
        _options = options;
        _time = time;
        _keys = keys;
    }

    /// <param name="header">Reads a request header by name (case-insensitive).</param>
    public MetadataAnswer Handle(string method, string path, Func<string, string?> header)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(header);
        var now = _time.GetUtcNow();
        if (path == TokenPath)
        {
            if (method != "PUT")
            {
                return MetadataAnswer.Status(405);
            }

            if (!int.TryParse(header(TokenTtlHeader), NumberStyles.None, CultureInfo.InvariantCulture, out var ttl) || ttl is < 1 or > 21600)
            {
                return MetadataAnswer.Status(400);
            }

            var token = RandomNumberGenerator.GetHexString(32, lowercase: true);
            _sessionTokens[token] = now.AddSeconds(ttl);
            return MetadataAnswer.Text(token);
        }

        if (method != "GET" || !path.StartsWith(CredentialsPath, StringComparison.Ordinal))
        {
            return MetadataAnswer.Status(404);
        }

        var sent = header(TokenHeader);
        if (sent is not null ? !(_sessionTokens.TryGetValue(sent, out var until) && now < until) : _options.RequireMetadataToken)
        {
            return MetadataAnswer.Status(401);
        }

        if (_options.MetadataRoleName is not { } role)
        {
            return MetadataAnswer.Status(404);
        }

        var asked = path[CredentialsPath.Length..];
        if (asked.Length == 0)
        {
            return MetadataAnswer.Text(role);
        }

        if (Uri.UnescapeDataString(asked) != role)
        {
            return MetadataAnswer.Status(404);
        }

        var body = EmulatedSts.Credentials(_keys.Issue(now, _options.CredentialLifetime));
        body["LastUpdated"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        body["Code"] = "Success";
        return new MetadataAnswer(200, "application/json", body.ToJsonString());
    }
}

/// <summary>A metadata answer: plain text for names and tokens, JSON for credentials.</summary>
public sealed record MetadataAnswer(int StatusCode, string ContentType, string Body)
{
    internal static MetadataAnswer Text(string text) => new(200, "text/plain", text);

    internal static MetadataAnswer Status(int status) => new(status, "text/plain", string.Empty);
}
