using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FastScale.Simulation.Ecs.Wire;

namespace FastScale.Simulation.Ecs.Sts;

/// <summary>
/// STS <c>AssumeRoleWithOIDC</c> (2015-04-01) as the emulator serves it: anonymous (the OIDC token is the proof), the
/// token compared with the one the emulator was told to accept, and a temporary key issued for
/// <see cref="EmulatedStsOptions.CredentialLifetime"/>. Parameters may come in the query, a form body, or both.
/// </summary>
public sealed class EmulatedSts
{
    public const string Action = "AssumeRoleWithOIDC";

    private readonly EmulatedStsOptions _options;
    private readonly TimeProvider _time;
    private readonly EcsEmulatorCounters _counters;

    internal EmulatedSts(EmulatedStsOptions options, TimeProvider time, TemporaryKeyStore keys, EcsEmulatorCounters counters)
    {
        _options = options;
        _time = time;
        Keys = keys;
        _counters = counters;
    }

    /// <summary>Temporary keys issued so far, by STS and the metadata service together.</summary>
    public int Issued => Keys.Issued;

    internal TemporaryKeyStore Keys { get; }

    /// <summary>True when the request names the STS action (in <c>x-acs-action</c>, the query or a form body).</summary>
    public static bool IsStsRequest(EcsWireRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (request.Header("x-acs-action") ?? Parameters(request).LastOrDefault(p => p.Key == "Action").Value) == Action;
    }

    /// <summary>Counted with the ECS calls (per action, errors per code), so a run's report shows what credentials cost.</summary>
    public EcsWireResponse Handle(EcsWireRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        _counters.Call(Action, _time.GetUtcNow());
        var (answer, error) = Answer(request);
        if (error is not null)
        {
            _counters.Error(Action, error.Code, throttling: false, transient: false);
        }

        return answer;
    }

    private (EcsWireResponse Answer, EcsError? Refused) Answer(EcsWireRequest request)
    {
        static (EcsWireResponse, EcsError?) Error(EcsError error) => (ErrorAnswer(error), error);

        var parameters = Parameters(request);
        string? Get(string name) => parameters.LastOrDefault(p => p.Key == name).Value;

        if (_options.AcceptedOidcToken is not { } accepted)
        {
            return Error(StsErrors.Disabled());
        }

        foreach (var required in new[] { "RoleArn", "OIDCProviderArn", "OIDCToken", "RoleSessionName" })
        {
            if (string.IsNullOrEmpty(Get(required)))
            {
                return Error(EcsErrors.Missing(required));
            }
        }

        if (_options.OidcProviderArn is { } provider && Get("OIDCProviderArn") != provider)
        {
            return Error(StsErrors.ProviderNotFound(Get("OIDCProviderArn")!));
        }

        if (_options.RoleArn is { } role && Get("RoleArn") != role)
        {
            return Error(StsErrors.RoleNotFound(Get("RoleArn")!));
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(accepted), Encoding.UTF8.GetBytes(Get("OIDCToken")!)))
        {
            return Error(StsErrors.OidcTokenInvalid());
        }

        if (Get("DurationSeconds") is { } duration
            && (!int.TryParse(duration, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds is < 900 or > 43200))
        {
            return Error(EcsErrors.Invalid("DurationSeconds", "900 to 43200"));
        }

        var key = Keys.Issue(_time.GetUtcNow(), _options.CredentialLifetime);
        var roleArn = Get("RoleArn")!;
        var body = new JsonObject
        {
            ["RequestId"] = Guid.NewGuid().ToString("D").ToUpperInvariant(),
            ["Credentials"] = Credentials(key),
            ["AssumedRoleUser"] = new JsonObject
            {
                ["Arn"] = $"{roleArn.Replace(":role/", ":assumed-role/", StringComparison.Ordinal)}/{Get("RoleSessionName")}",
                ["AssumedRoleId"] = $"3{key.AccessKeyId[4..]}:{Get("RoleSessionName")}",
            },
            ["OIDCTokenInfo"] = new JsonObject { ["Issuer"] = "https://oidc.emulator.local", ["ClientIds"] = "sts.aliyuncs.com" },
        };
        return (new EcsWireResponse(200, body.ToJsonString()), null);
    }

    /// <summary>The four fields STS and the metadata service both answer.</summary>
    internal static JsonObject Credentials(IssuedKey key) => new()
    {
        ["AccessKeyId"] = key.AccessKeyId,
        ["AccessKeySecret"] = key.AccessKeySecret,
        ["SecurityToken"] = key.SecurityToken,
        ["Expiration"] = key.Expiration.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
    };

    private static List<KeyValuePair<string, string>> Parameters(EcsWireRequest request) =>
        [.. UrlEncodedPairs.Parse(request.RawQuery), .. request.IsForm ? UrlEncodedPairs.Parse(Encoding.UTF8.GetString(request.Body)) : []];

    private static EcsWireResponse ErrorAnswer(EcsError error) => new(error.Status, new JsonObject
    {
        ["RequestId"] = Guid.NewGuid().ToString("D").ToUpperInvariant(),
        ["HostId"] = "sts.emulator",
        ["Code"] = error.Code,
        ["Message"] = error.Message,
    }.ToJsonString());
}
