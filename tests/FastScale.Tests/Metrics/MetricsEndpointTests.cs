using FastScale.Engine.Cloud;
using FastScale.Engine.Policy;
using FastScale.Grpc.CloudProvider;
using FastScale.Grpc.Protos;
using FastScale.Grpc.Transport;
using FastScale.Metrics;
using FastScale.Serve;
using FastScale.Testing.Cloud;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace FastScale.Tests.Metrics;

/// <summary>
/// The provider in-process with its metrics listener: /metrics after real gRPC traffic and cloud calls (success,
/// throttle, transient failure), checked by promtool and family by family.
/// </summary>
public sealed class MetricsEndpointTests
{
    private const string Service = CloudProviderService.ServiceName;
    private const string Group = "general";

    [Fact]
    public async Task Metrics_AfterTraffic_PassesPromtoolAndEveryFamilyMoves()
    {
        var policy = EmbeddedPolicy.Load().Policy!;
        var minSize = policy.NodeGroups.Single(g => g.Id == Group).MinSize;
        await using var app = ProviderApp.Build(new ServeSettings
        {
            Policy = policy,
            Grpc = new GrpcListenOptions { Listen = "127.0.0.1:0" },
            MetricsListen = "127.0.0.1:0",
            Cloud = InMemoryCloud.Factory(new InMemoryCloudOptions { ProvisionDelay = TimeSpan.Zero }),
        });
        await app.StartAsync();
        using var grpc = new GrpcClient(ProviderApp.GrpcAddress(app));
        using var http = new HttpClient { BaseAddress = ProviderApp.MetricsAddress(app) };
        await PollAsync(async () => (await http.GetAsync(new Uri("/readyz", UriKind.Relative))).IsSuccessStatusCode);
        var before = await ScrapeAsync(http);

        await grpc.UnaryAsync(Service, "NodeGroups", new NodeGroupsRequest(), NodeGroupsResponse.Parser);
        var notFound = await Assert.ThrowsAsync<GrpcStatusException>(() =>
            grpc.UnaryAsync(Service, "NodeGroupTargetSize", new NodeGroupTargetSizeRequest { Id = "no-such-group" }, NodeGroupTargetSizeResponse.Parser));
        Assert.Equal(GrpcStatusCode.NotFound, notFound.StatusCode);
        var cloud = (InMemoryCloud)app.Services.GetRequiredService<ICloud>();
        cloud.InjectError(CloudAction.RunInstances, CloudFaults.Throttled(TimeSpan.FromMilliseconds(100)));
        cloud.InjectError(CloudAction.RunInstances, CloudFaults.Transient());
        await grpc.UnaryAsync(Service, "NodeGroupIncreaseSize", new NodeGroupIncreaseSizeRequest { Id = Group, Delta = 2 },
            NodeGroupIncreaseSizeResponse.Parser);
        var after = await PollScrapeAsync(http, s =>
            s.ValueOrZero("fastscale_cloud_api_calls_total", ("action", "RunInstances"), ("outcome", "success")) >= 1 &&
            s.ValueOrZero("fastscale_node_group_instances", ("group", Group), ("state", "running")) == minSize + 2);

        await Promtool.AssertValidAsync(before.Text);
        await Promtool.AssertValidAsync(after.Text);
        Assert.True(after.HasFamily("fastscale_grpc_requests_total", "counter"));
        Assert.Equal(1, Delta("fastscale_grpc_requests_total", ("method", "NodeGroups"), ("code", "OK")));
        Assert.Equal(1, Delta("fastscale_grpc_requests_total", ("method", "NodeGroupTargetSize"), ("code", "NotFound")));
        Assert.True(after.HasFamily("fastscale_grpc_request_duration_seconds", "histogram"));
        Assert.Equal(1, Delta("fastscale_grpc_request_duration_seconds_count", ("method", "NodeGroups")));
        Assert.True(after.Value("fastscale_grpc_request_duration_seconds_sum", ("method", "NodeGroups")) > 0);

        Assert.True(after.HasFamily("fastscale_cloud_api_calls_total", "counter"));
        Assert.True(Delta("fastscale_cloud_api_calls_total", ("action", "DescribeInstances"), ("outcome", "success")) >= 1);
        Assert.Equal(1, Delta("fastscale_cloud_api_calls_total", ("action", "RunInstances"), ("outcome", "throttled")));
        Assert.Equal(1, Delta("fastscale_cloud_api_calls_total", ("action", "RunInstances"), ("outcome", "transient")));
        Assert.True(after.HasFamily("fastscale_cloud_api_throttled_total", "counter"));
        Assert.Equal(1, Delta("fastscale_cloud_api_throttled_total", ("action", "RunInstances")));
        Assert.True(after.HasFamily("fastscale_cloud_api_retries_total", "counter"));
        Assert.Equal(1, Delta("fastscale_cloud_api_retries_total", ("action", "RunInstances")));
        Assert.True(after.HasFamily("fastscale_cloud_api_in_flight", "gauge"));
        Assert.Equal(0, after.Value("fastscale_cloud_api_in_flight", ("action", "RunInstances")));

        Assert.Equal(minSize, before.Value("fastscale_node_group_target_size", ("group", Group)));
        Assert.Equal(minSize + 2, after.Value("fastscale_node_group_target_size", ("group", Group)));
        Assert.NotNull(before.Value("fastscale_node_group_instances", ("group", Group), ("state", "creating")));
        Assert.Equal(0, after.Value("fastscale_node_group_instances", ("group", Group), ("state", "failed")));
        Assert.Equal(1, after.Value("fastscale_leader"));

        await app.StopAsync();

        double Delta(string name, params (string, string)[] labels) => after.ValueOrZero(name, labels) - before.ValueOrZero(name, labels);
    }

    [Fact]
    public async Task Metrics_ContentType_IsTheTextFormat004()
    {
        await using var app = ProviderApp.Build(new ServeSettings
        {
            Policy = EmbeddedPolicy.Load().Policy!,
            Grpc = new GrpcListenOptions { Listen = "127.0.0.1:0" },
            MetricsListen = "127.0.0.1:0",
            Cloud = InMemoryCloud.Factory(),
        });
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = ProviderApp.MetricsAddress(app) };

        using var response = await http.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(PrometheusExporter.ContentType, response.Content.Headers.ContentType!.ToString());
        await app.StopAsync();
    }

    private static async Task<Scrape> ScrapeAsync(HttpClient http) =>
        new(await http.GetStringAsync(new Uri("/metrics", UriKind.Relative)));

    private static async Task<Scrape> PollScrapeAsync(HttpClient http, Func<Scrape, bool> done)
    {
        Scrape? last = null;
        try
        {
            await PollAsync(async () => done(last = await ScrapeAsync(http)));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; last scrape:\n{last?.Text}", e);
        }

        return last!;
    }

    private static async Task PollAsync(Func<Task<bool>> done)
    {
        // Real sockets and the launcher's real back-off (about a second for the transient retry): poll, bounded.
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (await done())
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
        }

        throw new TimeoutException("the provider did not reach the expected state within 30 s");
    }
}
