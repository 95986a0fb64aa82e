using System.Net;
using System.Text.Json;
using FastScale.Simulation.Ecs;
using FastScale.Simulation.Ecs.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Simulation.Tests.Ecs.Sts;

/// <summary>The emulator's STS and metadata endpoints over its Kestrel listener, spoken to in raw HTTP.</summary>
public sealed class EmulatedStsEndpointTests : IAsyncDisposable
{
    private const string Token = "eyJhbGciOiJSUzI1NiJ9.accepted.sig";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 1, 1, 0, 0, 30, TimeSpan.Zero));
    private readonly HttpClient _http = new();
    private EcsEmulatorServer? _server;

    [Fact]
    public async Task AssumeRoleWithOidc_AcceptedTokenInFormBody_IssuesCredentialsExpiringAfterTheConfiguredLifetime()
    {
        var server = await Start();

        using var response = await AssumeRole(server, Token, durationSeconds: "3600");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var credentials = body.RootElement.GetProperty("Credentials");
        Assert.StartsWith("STS.", credentials.GetProperty("AccessKeyId").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(credentials.GetProperty("AccessKeySecret").GetString()));
        Assert.False(string.IsNullOrEmpty(credentials.GetProperty("SecurityToken").GetString()));
        Assert.Equal("2024-01-01T00:01:00Z", credentials.GetProperty("Expiration").GetString());
        Assert.Equal("acs:ram::1:assumed-role/fastscale/s1", body.RootElement.GetProperty("AssumedRoleUser").GetProperty("Arn").GetString());
        Assert.Equal(1, server.Emulator.Sts.Issued);
    }

    [Fact]
    public async Task AssumeRoleWithOidc_OtherToken_IsRefusedAsInvalidOidcToken()
    {
        var server = await Start();

        using var response = await AssumeRole(server, "eyJ.other.sig");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("AuthenticationFail.OIDCToken.Invalid", body.RootElement.GetProperty("Code").GetString());
        Assert.Equal(0, server.Emulator.Sts.Issued);
    }

    [Theory]
    [InlineData("RoleArn", "acs:ram::1:role/other", "EntityNotExist.Role")]
    [InlineData("DurationSeconds", "60", "InvalidParameter")]
    public async Task AssumeRoleWithOidc_WrongParameter_AnswersItsCode(string name, string value, string code)
    {
        var server = await Start();

        using var response = await AssumeRole(server, Token, overrideName: name, overrideValue: value);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(code, body.RootElement.GetProperty("Code").GetString());
    }

    [Fact]
    public async Task Metadata_HardenedMode_TokenThenRoleListingThenRoleCredentials()
    {
        var server = await Start(requireToken: true);
        var baseUri = $"http://{server.Address}";

        using var put = new HttpRequestMessage(HttpMethod.Put, $"{baseUri}/latest/api/token");
        put.Headers.Add("X-aliyun-ecs-metadata-token-ttl-seconds", "60");
        var sessionToken = await (await _http.SendAsync(put)).Content.ReadAsStringAsync();
        using var withoutToken = await _http.GetAsync($"{baseUri}/latest/meta-data/ram/security-credentials/");
        var role = await Get($"{baseUri}/latest/meta-data/ram/security-credentials/", sessionToken);
        using var credentials = JsonDocument.Parse(await Get($"{baseUri}/latest/meta-data/ram/security-credentials/{role}", sessionToken));
        _time.Advance(TimeSpan.FromSeconds(61));
        using var expiredSession = new HttpRequestMessage(HttpMethod.Get, $"{baseUri}/latest/meta-data/ram/security-credentials/");
        expiredSession.Headers.Add("X-aliyun-ecs-metadata-token", sessionToken);

        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Equal("fastscale-node", role);
        Assert.Equal("Success", credentials.RootElement.GetProperty("Code").GetString());
        Assert.Equal("2024-01-01T00:01:00Z", credentials.RootElement.GetProperty("Expiration").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.SendAsync(expiredSession)).StatusCode);
    }

    [Fact]
    public async Task Metadata_UnknownRole_IsNotFound()
    {
        var server = await Start();

        using var response = await _http.GetAsync($"http://{server.Address}/latest/meta-data/ram/security-credentials/other-role");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private async Task<EcsEmulatorServer> Start(bool requireToken = false)
    {
        var options = new EcsEmulatorOptions { Profile = TestProfiles.Fixed() };
        options.Sts.AcceptedOidcToken = Token;
        options.Sts.RoleArn = "acs:ram::1:role/fastscale";
        options.Sts.CredentialLifetime = TimeSpan.FromSeconds(30);
        options.Sts.MetadataRoleName = "fastscale-node";
        options.Sts.RequireMetadataToken = requireToken;
        _server = await EcsEmulatorServer.StartAsync(options, _time);
        return _server;
    }

    private Task<HttpResponseMessage> AssumeRole(
        EcsEmulatorServer server, string token, string durationSeconds = "900", string? overrideName = null, string? overrideValue = null)
    {
        var form = new Dictionary<string, string>
        {
            ["RoleArn"] = "acs:ram::1:role/fastscale",
            ["OIDCProviderArn"] = "acs:ram::1:oidc-provider/ack-rrsa-c1",
            ["OIDCToken"] = token,
            ["RoleSessionName"] = "s1",
            ["DurationSeconds"] = durationSeconds,
        };
        if (overrideName is not null)
        {
            form[overrideName] = overrideValue!;
        }

        // As the SDKs call it: Action and Version in the query, the rest in a form body; nothing signed.
        return _http.PostAsync(
            $"http://{server.Address}/?Action=AssumeRoleWithOIDC&Version=2015-04-01&Format=JSON", new FormUrlEncodedContent(form));
    }

    private async Task<string> Get(string uri, string sessionToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Add("X-aliyun-ecs-metadata-token", sessionToken);
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
