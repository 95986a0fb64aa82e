using System.Globalization;
using System.Text.Json.Nodes;
using FastScale.Simulation.Ecs;
using FastScale.Simulation.Ecs.Signing;
using FastScale.Simulation.Ecs.Wire;
using FastScale.Simulation.LatencyModel;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Simulation.Tests.Ecs;

/// <summary>
/// An emulator on a fake clock, called in-process with correctly signed V3 requests (built here, for tests only, from the
/// verifier's canonical form, which the published vectors pin down).
/// </summary>
internal sealed class EmulatorHarness
{
    public const string Region = "cn-hangzhou";
    public const string Secret = "fastscale-emulator-secret";

    private int _nonce;

    public EmulatorHarness(Action<EcsEmulatorOptions>? configure = null, LatencyProfile? profile = null)
    {
        var options = new EcsEmulatorOptions { Profile = profile ?? TestProfiles.Fixed() };
        configure?.Invoke(options);
        Emulator = new EcsEmulator(options, Time);
    }

    /// <summary>Starts at 00:00:30 so a test has half a minute before the next minute begins.</summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2024, 1, 1, 0, 0, 30, TimeSpan.Zero));

    public EcsEmulator Emulator { get; }

    public (int Status, JsonObject Body) Call(string action, params (string Name, string Value)[] parameters) =>
        Send(SignedV3(action, parameters));

    public (int Status, JsonObject Body) Send(EcsWireRequest request)
    {
        var response = Emulator.Handle(request);
        return (response.Status, JsonNode.Parse(response.Json)!.AsObject());
    }

    public EcsWireRequest SignedV3(string action, (string Name, string Value)[] parameters, string secret = Secret, string? date = null, string? nonce = null)
    {
        var query = parameters.Any(p => p.Name == "RegionId") ? parameters : [("RegionId", Region), .. parameters];
        var pairs = query.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)).ToList();
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["host"] = "127.0.0.1:8080",
            ["x-acs-action"] = action,
            ["x-acs-version"] = "2014-05-26",
            ["x-acs-date"] = date ?? Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["x-acs-signature-nonce"] = nonce ?? $"nonce-{Interlocked.Increment(ref _nonce)}",
            ["x-acs-content-sha256"] = SignatureV3.HexSha256([]),
        };
        var signed = headers.Select(h => new KeyValuePair<string, string>(h.Key, h.Value)).OrderBy(h => h.Key, StringComparer.Ordinal).ToList();
        var stringToSign = SignatureV3.StringToSign(SignatureV3.CanonicalRequest("POST", "/", pairs, signed, SignatureV3.HexSha256([])));
        headers["Authorization"] =
            $"ACS3-HMAC-SHA256 Credential=fastscale-emulator,SignedHeaders={string.Join(';', signed.Select(h => h.Key))},Signature={SignatureV3.Sign(secret, stringToSign)}";
        return new EcsWireRequest
        {
            Method = "POST",
            RawQuery = string.Join('&', pairs.Select(p => $"{AcsPercentEncoding.Encode(p.Key)}={AcsPercentEncoding.Encode(p.Value)}")),
            Headers = headers,
        };
    }

    public List<string> Run(int amount, params (string Name, string Value)[] extra)
    {
        var (status, body) = Call("RunInstances", [("ImageId", "containeros-img"), ("InstanceType", "ecs.g7.large"), ("Amount", amount.ToString(CultureInfo.InvariantCulture)), .. extra]);
        Assert.True(status == 200, body.ToJsonString());
        return [.. body["InstanceIdSets"]!["InstanceIdSet"]!.AsArray().Select(n => n!.GetValue<string>())];
    }

    public string StatusOf(string id) => Emulator.Instance(id)?.Status ?? "gone";

    public static (string, string)[] Indexed(IEnumerable<string> ids, string name = "InstanceId") =>
        [.. ids.Select((id, i) => ($"{name}.{i + 1}", id))];
}
