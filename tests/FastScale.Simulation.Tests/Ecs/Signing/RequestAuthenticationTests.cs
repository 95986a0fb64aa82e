using System.Text;
using FastScale.Simulation.Ecs;
using FastScale.Simulation.Ecs.Signing;
using FastScale.Simulation.Ecs.Wire;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Simulation.Tests.Ecs.Signing;

public sealed class RequestAuthenticationTests
{
    private const string EmptyBodyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    [Fact]
    public void Handle_PublishedVector3AsNodeQuerystringSendsIt_IsAcceptedAndRuns()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var emulator = new EcsEmulator(new EcsEmulatorOptions { AccessKeyId = "testid", AccessKeySecret = "testsecret", Profile = TestProfiles.Fixed() }, time);

        // Node's querystring leaves !'()* unescaped: the verifier must decode and re-encode, not sign the raw bytes.
        var response = emulator.Handle(Vector3("RegionId=cn-hangzhou&ImageId=img-1&InstanceType=ecs.g7.large&Amount=2&Tag.1.Key=pool&Tag.1.Value=a%20b*c~(x)!'&UserData=IyEvYmluL3NoCg%3D%3D&ClientToken=tok-1"));

        Assert.True(response.Status == 200, response.Json);
        Assert.Equal(2, emulator.Counters.InstancesCreated);
        Assert.Equal("a b*c~(x)!'", emulator.Instances()[0].Tags.Single().Value);
    }

    [Fact]
    public void Handle_Vector3WithATamperedParameter_SignatureDoesNotMatch()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var emulator = new EcsEmulator(new EcsEmulatorOptions { AccessKeyId = "testid", AccessKeySecret = "testsecret", Profile = TestProfiles.Fixed() }, time);

        var response = emulator.Handle(Vector3("RegionId=cn-hangzhou&ImageId=img-1&InstanceType=ecs.g7.large&Amount=3&Tag.1.Key=pool&Tag.1.Value=a%20b*c~(x)!'&UserData=IyEvYmluL3NoCg%3D%3D&ClientToken=tok-1"));

        Assert.Equal(400, response.Status);
        Assert.Contains("\"Code\":\"SignatureDoesNotMatch\"", response.Json, StringComparison.Ordinal);
        Assert.Equal(0, emulator.Counters.InstancesCreated);
    }

    [Fact]
    public void Handle_WrongSecret_SignatureDoesNotMatchWithServerStringToSign()
    {
        var harness = new EmulatorHarness();

        var (status, body) = harness.Send(harness.SignedV3("DescribeInstances", [], secret: "wrong"));

        Assert.Equal(400, status);
        Assert.Equal("SignatureDoesNotMatch", (string?)body["Code"]);
        Assert.Contains("ACS3-HMAC-SHA256\n", (string?)body["Message"], StringComparison.Ordinal);
    }

    [Fact]
    public void Handle_UnknownAccessKey_InvalidAccessKeyIdNotFound()
    {
        var harness = new EmulatorHarness(o => o.AccessKeyId = "someone-else");

        var (status, body) = harness.Call("DescribeInstances");

        Assert.Equal(404, status);
        Assert.Equal("InvalidAccessKeyId.NotFound", (string?)body["Code"]);
    }

    [Theory]
    [InlineData(-16, "InvalidTimeStamp.Expired")]
    [InlineData(16, "InvalidTimeStamp.Expired")]
    [InlineData(-14, null)]
    public void Handle_DateOffTheClock_RefusedBeyondFifteenMinutes(int minutes, string? code)
    {
        var harness = new EmulatorHarness();
        var date = harness.Time.GetUtcNow().AddMinutes(minutes).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

        var (status, body) = harness.Send(harness.SignedV3("DescribeInstances", [], date: date));

        Assert.Equal(code, (string?)body["Code"]);
        Assert.Equal(code is null ? 200 : 400, status);
    }

    [Fact]
    public void Handle_ReusedNonce_SignatureNonceUsed()
    {
        var harness = new EmulatorHarness();
        harness.Send(harness.SignedV3("DescribeInstances", [], nonce: "same"));

        var (status, body) = harness.Send(harness.SignedV3("DescribeInstances", [], nonce: "same"));

        Assert.Equal(400, status);
        Assert.Equal("SignatureNonceUsed", (string?)body["Code"]);
    }

    [Fact]
    public void Handle_Unsigned_IncompleteSignature()
    {
        var harness = new EmulatorHarness();

        var (status, body) = harness.Send(new EcsWireRequest { Method = "GET", RawQuery = "Action=DescribeInstances&RegionId=cn-hangzhou&Version=2014-05-26" });

        Assert.Equal(400, status);
        Assert.Equal("IncompleteSignature", (string?)body["Code"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Handle_V1SignedQueryOrFormBody_IsAccepted(bool formBody)
    {
        var harness = new EmulatorHarness();
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("Action", "DescribeInstances"), new("Version", "2014-05-26"), new("Format", "JSON"),
            new("AccessKeyId", "fastscale-emulator"), new("SignatureMethod", "HMAC-SHA1"), new("SignatureVersion", "1.0"),
            new("SignatureNonce", "v1-nonce"), new("Timestamp", "2024-01-01T00:00:30Z"), new("RegionId", "cn-hangzhou"),
        };
        var signature = SignatureV1.Sign(EmulatorHarness.Secret, SignatureV1.StringToSign(formBody ? "POST" : "GET", parameters));
        parameters.Add(new("Signature", signature));
        var encoded = string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));

        var (status, body) = harness.Send(formBody
            ? new EcsWireRequest
            {
                Method = "POST",
                Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["content-type"] = "application/x-www-form-urlencoded" },
                Body = Encoding.UTF8.GetBytes(encoded),
            }
            : new EcsWireRequest { Method = "GET", RawQuery = encoded });

        Assert.True(status == 200, body.ToJsonString());
        Assert.Equal(0, (int)body["TotalCount"]!);
    }

    private static EcsWireRequest Vector3(string rawQuery) => new()
    {
        Method = "POST",
        RawQuery = rawQuery,
        Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Host"] = "127.0.0.1:8080",
            ["x-acs-action"] = "RunInstances",
            ["x-acs-version"] = "2014-05-26",
            ["x-acs-content-sha256"] = EmptyBodyHash,
            ["x-acs-credentials-provider"] = "static_ak",
            ["x-acs-date"] = "2024-01-01T00:00:00Z",
            ["x-acs-signature-nonce"] = "nonce-1",
            ["Authorization"] = "ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=0f98b2273d1236bb3262531ad239096a6758567d50746e5e56b06c45150c3d75",
        },
    };
}
