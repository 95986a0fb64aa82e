using FastScale.Ecs.Actions;
using FastScale.Ecs.Client;
using FastScale.Ecs.Signing;
using FastScale.Ecs.Tests.Support;

namespace FastScale.Ecs.Tests.Client;

public sealed class EcsRequestBuildingTests
{
    private const string RunOk = """{"RequestId":"req-1","InstanceIdSets":{"InstanceIdSet":["i-1","i-2"]},"OrderId":"o-1","TradePrice":0.5}""";

    [Fact]
    public async Task RunInstances_V3_PostsEverythingInTheQueryWithEmptyBodyAndSdkHeaders()
    {
        using var harness = new ClientHarness(_ => FakeEcsHandler.Ok(RunOk));

        var result = await harness.Client.RunInstancesAsync(FullRequest(), CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal(["i-1", "i-2"], result.Value!.InstanceIds);
        Assert.Equal("req-1", result.Value.RequestId);
        Assert.Equal("o-1", result.Value.OrderId);
        var request = Assert.Single(harness.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/", request.Uri.AbsolutePath);
        Assert.Equal("http", request.Uri.Scheme);
        Assert.Empty(request.Body);
        Assert.Null(request.ContentType);
        Assert.Equal("0", request.Headers["Content-Length"]);
        Assert.Equal("127.0.0.1:8080", request.Headers["Host"]);
        Assert.Equal("RunInstances", request.Headers["x-acs-action"]);
        Assert.Equal("2014-05-26", request.Headers["x-acs-version"]);
        Assert.Equal("2024-01-01T00:00:00Z", request.Headers["x-acs-date"]);
        Assert.Equal("nonce-1", request.Headers["x-acs-signature-nonce"]);
        Assert.Equal(AcsSignatureV3.EmptyBodySha256, request.Headers["x-acs-content-sha256"]);
        Assert.Equal("application/json", request.Headers["Accept"]);
        Assert.Null(request.Param("Action"));
        var expected = new Dictionary<string, string>
        {
            ["RegionId"] = "cn-hangzhou", ["Amount"] = "5", ["MinAmount"] = "2", ["ClientToken"] = "tok-1",
            ["ImageId"] = "img-1", ["InstanceType"] = "ecs.g7.large", ["ZoneId"] = "cn-hangzhou-h", ["VSwitchId"] = "vsw-1",
            ["SecurityGroupId"] = "sg-1", ["UserData"] = "IyEvYmluL3NoCg==", ["LaunchTemplateId"] = "lt-1", ["LaunchTemplateVersion"] = "3",
            ["Tag.1.Key"] = "pool", ["Tag.1.Value"] = "a b*c~(x)!'", ["Tag.2.Key"] = "fastscale.io/node-group", ["Tag.2.Value"] = "g1",
        };
        Assert.Equal(expected.OrderBy(p => p.Key), request.Query.OrderBy(p => p.Key));
        Assert.True(ClientHarness.VerifiesV3(request, ClientHarness.Secret));
        Assert.False(ClientHarness.VerifiesV3(request, "wrong-secret"));
    }

    [Fact]
    public async Task RunInstances_V3_AuthorizationNamesTheKeyAndSignedHeaders()
    {
        using var harness = new ClientHarness(_ => FakeEcsHandler.Ok(RunOk));

        await harness.Client.RunInstancesAsync(new RunInstancesRequest { Amount = 1, ImageId = "img-1" }, CancellationToken.None);

        Assert.True(AcsV3Authorization.TryParse(harness.Requests[0].Headers["Authorization"], out var authorization));
        Assert.Equal("fastscale-emulator", authorization!.AccessKeyId);
        Assert.Equal(
            ["host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce", "x-acs-version"],
            authorization.SignedHeaders);
        Assert.DoesNotContain(", ", harness.Requests[0].Headers["Authorization"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCall_V3WithSecurityToken_SendsAndSignsTheTokenHeader()
    {
        using var harness = new ClientHarness(_ => FakeEcsHandler.Ok("""{"RequestId":"r"}"""), securityToken: "sts-token");

        await harness.Client.DeleteInstancesAsync(["i-1"], force: true, clientToken: null, CancellationToken.None);

        var request = Assert.Single(harness.Requests);
        Assert.Equal("sts-token", request.Headers["x-acs-security-token"]);
        Assert.Contains("x-acs-security-token", request.Headers["Authorization"], StringComparison.Ordinal);
        Assert.True(ClientHarness.VerifiesV3(request, ClientHarness.Secret));
    }

    [Fact]
    public async Task RunInstances_V1_PutsCommonParametersInTheQueryAndSignsWithHmacSha1()
    {
        using var harness = new ClientHarness(_ => FakeEcsHandler.Ok(RunOk), EcsSignatureVersion.V1, securityToken: "sts-token");

        await harness.Client.RunInstancesAsync(FullRequest(), CancellationToken.None);

        var request = Assert.Single(harness.Requests);
        Assert.Equal("RunInstances", request.Param("Action"));
        Assert.Equal("2014-05-26", request.Param("Version"));
        Assert.Equal("JSON", request.Param("Format"));
        Assert.Equal("fastscale-emulator", request.Param("AccessKeyId"));
        Assert.Equal("HMAC-SHA1", request.Param("SignatureMethod"));
        Assert.Equal("1.0", request.Param("SignatureVersion"));
        Assert.Equal("nonce-1", request.Param("SignatureNonce"));
        Assert.Equal("2024-01-01T00:00:00Z", request.Param("Timestamp"));
        Assert.Equal("sts-token", request.Param("SecurityToken"));
        Assert.False(request.Headers.ContainsKey("Authorization"));
        Assert.Equal(AcsSignatureV1.ComputeSignature("POST", request.Query, ClientHarness.Secret), request.Param("Signature"));
    }

    [Fact]
    public async Task StopInstances_EconomicalForce_FlattensIdsAndSendsStoppedMode()
    {
        using var harness = new ClientHarness(_ => FakeEcsHandler.Ok(
            """{"RequestId":"r","InstanceResponses":{"InstanceResponse":[{"InstanceId":"i-1","Code":"200","Message":"success","PreviousStatus":"Running","CurrentStatus":"Stopping"}]}}"""));

        var result = await harness.Client.StopInstancesAsync(["i-1", "i-2"], EcsStoppedMode.StopCharging, forceStop: true, CancellationToken.None);

        var request = Assert.Single(harness.Requests);
        Assert.Equal("StopInstances", request.Action);
        Assert.Equal("i-1", request.Param("InstanceId.1"));
        Assert.Equal("i-2", request.Param("InstanceId.2"));
        Assert.Equal("StopCharging", request.Param("StoppedMode"));
        Assert.Equal("true", request.Param("ForceStop"));
        var change = Assert.Single(result.Value!);
        Assert.Equal(new InstanceStateChange("i-1", "200", "success", "Running", "Stopping"), change);
    }

    [Fact]
    public async Task StartInstances_Ids_SendsFlattenedIdsOnly()
    {
        using var harness = new ClientHarness(_ => FakeEcsHandler.Ok("""{"RequestId":"r","InstanceResponses":{"InstanceResponse":[]}}"""));

        var result = await harness.Client.StartInstancesAsync(["i-9"], CancellationToken.None);

        Assert.True(result.IsSuccess);
        var request = Assert.Single(harness.Requests);
        Assert.Equal("StartInstances", request.Action);
        Assert.Equal(["InstanceId.1", "RegionId"], request.Query.Select(p => p.Key).Order());
    }

    [Fact]
    public async Task DeleteInstances_ForceAndToken_SendsBoth()
    {
        using var harness = new ClientHarness(_ => FakeEcsHandler.Ok("""{"RequestId":"req-del"}"""));

        var result = await harness.Client.DeleteInstancesAsync(["i-1"], force: true, clientToken: "del-1", CancellationToken.None);

        Assert.Equal("req-del", result.Value);
        var request = Assert.Single(harness.Requests);
        Assert.Equal("DeleteInstances", request.Action);
        Assert.Equal("true", request.Param("Force"));
        Assert.Equal("del-1", request.Param("ClientToken"));
    }

    [Fact]
    public async Task Calls_EachCall_UsesAFreshNonceAndTheInjectedClock()
    {
        using var harness = new ClientHarness(_ => FakeEcsHandler.Ok("""{"RequestId":"r"}"""));

        await harness.Client.DeleteInstancesAsync(["i-1"], true, null, CancellationToken.None);
        harness.Time.Advance(TimeSpan.FromSeconds(61));
        await harness.Client.DeleteInstancesAsync(["i-1"], true, null, CancellationToken.None);

        Assert.Equal(["nonce-1", "nonce-2"], harness.Requests.Select(r => r.Headers["x-acs-signature-nonce"]));
        Assert.Equal("2024-01-01T00:01:01Z", harness.Requests[1].Headers["x-acs-date"]);
    }

    [Theory]
    [InlineData(0, null, null)]
    [InlineData(101, null, null)]
    [InlineData(5, 6, null)]
    [InlineData(5, 0, null)]
    [InlineData(1, null, "tök")]
    [InlineData(1, null, "0123456789012345678901234567890123456789012345678901234567890123456789")]
    public async Task RunInstances_InvalidParameters_FailsWithoutCallingEcs(int amount, int? minAmount, string? token)
    {
        using var harness = new ClientHarness(_ => FakeEcsHandler.Ok(RunOk));

        var result = await harness.Client.RunInstancesAsync(
            new RunInstancesRequest { Amount = amount, MinAmount = minAmount, ClientToken = token }, CancellationToken.None);

        Assert.Equal(Engine.Cloud.CloudErrorKind.InvalidRequest, result.Error!.Kind);
        Assert.Empty(harness.Requests);
    }

    [Fact]
    public async Task DeleteInstances_MoreThan100Ids_FailsWithoutCallingEcs()
    {
        using var harness = new ClientHarness(_ => FakeEcsHandler.Ok("{}"));

        var result = await harness.Client.DeleteInstancesAsync(
            Enumerable.Range(0, 101).Select(i => $"i-{i}").ToList(), true, null, CancellationToken.None);

        Assert.Equal(Engine.Cloud.CloudErrorKind.InvalidRequest, result.Error!.Kind);
        Assert.Empty(harness.Requests);
    }

    [Fact]
    public async Task AnyCall_HttpsEndpoint_SignsTheHostWithoutDefaultPort()
    {
        using var harness = new ClientHarness(_ => FakeEcsHandler.Ok("""{"RequestId":"r"}"""), endpoint: "https://ecs.cn-hangzhou.aliyuncs.com");

        await harness.Client.DeleteInstancesAsync(["i-1"], true, null, CancellationToken.None);

        var request = Assert.Single(harness.Requests);
        Assert.Equal("ecs.cn-hangzhou.aliyuncs.com", request.Headers["Host"]);
        Assert.Equal("https", request.Uri.Scheme);
        Assert.True(ClientHarness.VerifiesV3(request, ClientHarness.Secret));
    }

    private static RunInstancesRequest FullRequest() => new()
    {
        Amount = 5,
        MinAmount = 2,
        ClientToken = "tok-1",
        ImageId = "img-1",
        InstanceType = "ecs.g7.large",
        ZoneId = "cn-hangzhou-h",
        VSwitchId = "vsw-1",
        SecurityGroupId = "sg-1",
        UserData = "IyEvYmluL3NoCg==",
        LaunchTemplateId = "lt-1",
        LaunchTemplateVersion = 3,
        Tags = [new("pool", "a b*c~(x)!'"), new("fastscale.io/node-group", "g1")],
    };
}
