using System.Text.Json;
using FastScale.Simulation.Ecs;
using FastScale.Simulation.Ecs.Hosting;
using FastScale.Simulation.LatencyModel;
using FastScale.Testing;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace FastScale.Simulation.Tests.Interop;

/// <summary>
/// The official ECS SDK for Node signing with STS credentials the emulator's AssumeRoleWithOIDC issued: accepted with
/// their token (V3 header, V1 parameter), refused with another token or none, and refused as expired once the
/// emulator's clock passes their Expiration. The clock is a fake one started at the wall time, so the SDK's request
/// timestamps stay within the allowed skew.
/// </summary>
public sealed class OfficialSdkStsInteropTests(ITestOutputHelper output)
{
    private const string OidcToken = "eyJhbGciOiJSUzI1NiJ9.interop.sig";

    [Fact]
    public async Task OfficialSdk_WithStsCredentials_AcceptedUntilExpirationThenRefusedAsExpired()
    {
        var peerDirectory = NodePeer.Require("ecs", "@alicloud/ecs20140526");
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var options = new EcsEmulatorOptions { Profile = LatencyProfileLoader.LoadEmbedded("fast").GetOrThrow() };
        options.Sts.AcceptedOidcToken = OidcToken;
        options.Sts.CredentialLifetime = TimeSpan.FromSeconds(60);
        await using var server = await EcsEmulatorServer.StartAsync(options, time);
        var (id, secret, token) = await AssumeRoleAsync(server.Address);

        var accepted = await NodePeer.RunAsync(peerDirectory, "ecs-sts-check.js", [server.Address, id, secret, token, "ok"], TimeSpan.FromMinutes(2));
        time.Advance(TimeSpan.FromSeconds(61));
        var expired = await NodePeer.RunAsync(peerDirectory, "ecs-sts-check.js", [server.Address, id, secret, token, "expired"], TimeSpan.FromMinutes(2));

        output.WriteLine(accepted.Describe());
        output.WriteLine(expired.Describe());
        Assert.True(accepted.ExitCode == 0, accepted.Describe());
        Assert.True(expired.ExitCode == 0, expired.Describe());
        Assert.Equal(2, server.Counters.ErrorsByCode["InvalidSecurityToken.Expired"]);
    }

    private static async Task<(string Id, string Secret, string Token)> AssumeRoleAsync(string address)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync($"http://{address}/", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Action"] = "AssumeRoleWithOIDC",
            ["Version"] = "2015-04-01",
            ["RoleArn"] = "acs:ram::1:role/interop",
            ["OIDCProviderArn"] = "acs:ram::1:oidc-provider/interop",
            ["OIDCToken"] = OidcToken,
            ["RoleSessionName"] = "interop",
        }));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var credentials = body.RootElement.GetProperty("Credentials");
        return (credentials.GetProperty("AccessKeyId").GetString()!, credentials.GetProperty("AccessKeySecret").GetString()!,
            credentials.GetProperty("SecurityToken").GetString()!);
    }
}
