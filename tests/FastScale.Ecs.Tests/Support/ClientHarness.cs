using FastScale.Ecs.Client;
using FastScale.Ecs.Credentials;
using FastScale.Ecs.Signing;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Ecs.Tests.Support;

/// <summary>An <see cref="EcsClient"/> over a <see cref="FakeEcsHandler"/>, a fake clock and a counting nonce.</summary>
internal sealed class ClientHarness : IDisposable
{
    public const string AccessKeyId = "fastscale-emulator";
    public const string Secret = "fastscale-emulator-secret";

    private int _nonce;

    public ClientHarness(
        Func<CapturedRequest, HttpResponseMessage> respond,
        EcsSignatureVersion version = EcsSignatureVersion.V3,
        string? securityToken = null,
        string endpoint = "127.0.0.1:8080")
        : this(request => Task.FromResult(respond(request)), version, securityToken, endpoint)
    {
    }

    public ClientHarness(
        Func<CapturedRequest, Task<HttpResponseMessage>> respond,
        EcsSignatureVersion version = EcsSignatureVersion.V3,
        string? securityToken = null,
        string endpoint = "127.0.0.1:8080")
    {
        Handler = new FakeEcsHandler(respond);
        Http = new HttpClient(Handler);
        Options = new EcsClientOptions { RegionId = "cn-hangzhou", Endpoint = endpoint, SignatureVersion = version };
        Credentials = new EcsCredentials(AccessKeyId, Secret, securityToken);
        Client = new EcsClient(Http, Options, Credentials, Time, Logger, () => "nonce-" + Interlocked.Increment(ref _nonce));
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public ListLogger<EcsClient> Logger { get; } = new();

    public FakeEcsHandler Handler { get; }

    public HttpClient Http { get; }

    public EcsClientOptions Options { get; }

    public EcsCredentials Credentials { get; }

    public EcsClient Client { get; }

    public IReadOnlyList<CapturedRequest> Requests => Handler.Requests;

    /// <summary>Re-verifies a captured V3 request the way a server would: decoded query, the SignedHeaders it names.</summary>
    public static bool VerifiesV3(CapturedRequest request, string secret)
    {
        if (!AcsV3Authorization.TryParse(request.Headers.GetValueOrDefault("Authorization"), out var authorization))
        {
            return false;
        }

        var expected = AcsSignatureV3.ComputeSignature(
            request.Method.Method, request.Uri.AbsolutePath, request.Query, request.Headers, authorization!.SignedHeaders,
            AcsSignatureV3.HexSha256(request.Body), secret);
        return AcsSignatureV3.SignaturesEqual(expected, authorization.Signature);
    }

    public void Dispose()
    {
        Http.Dispose();
        Handler.Dispose();
    }
}
