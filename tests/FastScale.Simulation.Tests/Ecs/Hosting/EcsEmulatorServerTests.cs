using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using FastScale.Simulation.Ecs;
using FastScale.Simulation.Ecs.Hosting;
using FastScale.Simulation.Ecs.Signing;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Simulation.Tests.Ecs.Hosting;

/// <summary>The emulator behind Kestrel on a loopback port, on a fake clock: GET, POST with a form body, JSON content type.</summary>
public sealed class EcsEmulatorServerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 1, 1, 0, 0, 30, TimeSpan.Zero));
    private int _nonce;

    [Fact]
    public async Task StartAsync_PortZero_BindsLoopbackAndServesGetAndFormPost()
    {
        await using var server = await EcsEmulatorServer.StartAsync(new EcsEmulatorOptions { Profile = TestProfiles.Fixed() }, _time);
        using var http = new HttpClient { BaseAddress = server.BaseUri };

        var run = await SendV1(http, HttpMethod.Post, form: true, ("Action", "RunInstances"), ("ImageId", "img"), ("InstanceType", "ecs.g7.large"), ("Amount", "3"));
        _time.Advance(TimeSpan.FromSeconds(11));
        var describe = await SendV1(http, HttpMethod.Get, form: false, ("Action", "DescribeInstances"), ("Status", "Running"));

        Assert.StartsWith("127.0.0.1:", server.Address, StringComparison.Ordinal);
        Assert.NotEqual("127.0.0.1:0", server.Address);
        Assert.Equal(3, run["InstanceIdSets"]!["InstanceIdSet"]!.AsArray().Count);
        Assert.Equal(3, (int)describe["TotalCount"]!);
        Assert.Equal(1, server.Counters.Calls("RunInstances"));
        Assert.Equal(3, server.Emulator.Instances().Count(i => i.Status == "Running"));
    }

    [Fact]
    public async Task Error_OverHttp_HasEcsStatusAndJsonContentType()
    {
        await using var server = await EcsEmulatorServer.StartAsync(new EcsEmulatorOptions { Profile = TestProfiles.Fixed() }, _time);
        using var http = new HttpClient { BaseAddress = server.BaseUri };

        using var response = await http.GetAsync(new Uri("/?Action=DescribeInstances&RegionId=cn-hangzhou", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("IncompleteSignature", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["Code"]);
    }

    private async Task<JsonObject> SendV1(HttpClient http, HttpMethod method, bool form, params (string Name, string Value)[] parameters)
    {
        var all = parameters.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)).Concat(
        [
            new("RegionId", "cn-hangzhou"), new("Version", "2014-05-26"), new("Format", "JSON"), new("AccessKeyId", "fastscale-emulator"),
            new("SignatureMethod", "HMAC-SHA1"), new("SignatureVersion", "1.0"), new("SignatureNonce", $"n{++_nonce}"),
            new("Timestamp", _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
        ]).ToList();
        all.Add(new("Signature", SignatureV1.Sign("fastscale-emulator-secret", SignatureV1.StringToSign(method.Method, all))));

        using var request = form
            ? new HttpRequestMessage(method, "/") { Content = new FormUrlEncodedContent(all) }
            : new HttpRequestMessage(method, "/?" + string.Join('&', all.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}")));
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!.AsObject();
    }
}
