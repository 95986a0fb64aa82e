using System.Net;
using FastScale.Ecs.Actions;
using FastScale.Ecs.Client;
using FastScale.Ecs.Credentials;
using FastScale.Ecs.Signing;
using FastScale.Ecs.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FastScale.Ecs.Tests.Client;

/// <summary>
/// The client against a real Kestrel socket on loopback, with "HOST:PORT" as the endpoint: proves that what
/// SocketsHttpHandler actually writes (Host with port, content-length 0, the query's escaping) still verifies on a
/// server that decodes the query and re-signs it, the way the emulator and ECS do.
/// </summary>
public sealed class EcsClientOverSocketTests : IAsyncLifetime
{
    private WebApplication? _server;
    private readonly List<string> _seen = [];

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        _server = builder.Build();
        _server.MapPost("/", (HttpContext context) =>
        {
            var headers = context.Request.Headers.Select(h => new KeyValuePair<string, string>(h.Key, h.Value.ToString())).ToList();
            var query = context.Request.Query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? string.Empty))).ToList();
            var verified = AcsV3Authorization.TryParse(context.Request.Headers.Authorization.ToString(), out var auth)
                && auth!.AccessKeyId == "fastscale-emulator"
                && AcsSignatureV3.SignaturesEqual(
                    AcsSignatureV3.ComputeSignature("POST", "/", query, headers, auth.SignedHeaders, context.Request.Headers["x-acs-content-sha256"].ToString(), "fastscale-emulator-secret"),
                    auth.Signature);
            lock (_seen)
            {
                _seen.Add($"{context.Request.Headers.Host}|{context.Request.ContentLength}|{context.Request.QueryString}");
            }

            return verified
                ? Results.Text("""{"RequestId":"sock-1","InstanceIdSets":{"InstanceIdSet":["i-sock"]}}""", "application/json")
                : Results.Text("""{"RequestId":"sock-2","Code":"SignatureDoesNotMatch","Message":"no"}""", "application/json", statusCode: 400);
        });
        await _server.StartAsync();
    }

    [Fact]
    public async Task RunInstances_HostPortEndpointOverRealSocket_VerifiesOnTheServer()
    {
        var address = new Uri(_server!.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var http = new HttpClient();
        var client = new EcsClient(
            http,
            new EcsClientOptions { RegionId = "cn-hangzhou", Endpoint = $"127.0.0.1:{address.Port}" },
            new EcsCredentials("fastscale-emulator", "fastscale-emulator-secret"),
            TimeProvider.System,
            new ListLogger<EcsClient>());

        var result = await client.RunInstancesAsync(
            new RunInstancesRequest { Amount = 1, ImageId = "img-1", Tags = [new("pool", "a b*c~(x)!'+é/=&")] }, CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal(["i-sock"], result.Value!.InstanceIds);
        var seen = Assert.Single(_seen);
        Assert.StartsWith($"127.0.0.1:{address.Port}|0|?", seen, StringComparison.Ordinal);
        Assert.Equal(new Uri($"http://127.0.0.1:{address.Port}/"), client.Endpoint);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
