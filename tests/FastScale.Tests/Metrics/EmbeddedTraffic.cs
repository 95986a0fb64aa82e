using System.Text.Json.Nodes;
using FastScale.Burst;
using FastScale.Engine.Policy;
using FastScale.Grpc.CloudProvider;
using FastScale.Grpc.Protos;
using FastScale.Grpc.Transport;
using FastScale.Serve;
using FastScale.Simulation.Cluster;
using FastScale.Simulation.LatencyModel;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace FastScale.Tests.Metrics;

/// <summary>
/// <c>serve --embedded</c> in-process, wired as the command wires it (the ECS emulator and cluster simulator on
/// loopback, fast mode on) on the <c>fast</c> latency profile, with a warm pool on the <c>general</c> group so its
/// gauges have something to show. <see cref="RunAsync"/> drives a small burst through every path a metric watches and
/// keeps the scrapes taken along the way.
/// </summary>
internal sealed class EmbeddedTraffic : IAsyncDisposable
{
    public const string Group = "general";
    public const int WarmPoolSize = 2;
    public const int FittingPods = 3;
    public const int UnplaceablePods = 2;
    public const int IncreaseDelta = 2;

    private EmbeddedTraffic(EmbeddedWorld world, WebApplication app)
    {
        World = world;
        App = app;
        Grpc = new GrpcClient(ProviderApp.GrpcAddress(app));
        Http = new HttpClient { BaseAddress = ProviderApp.MetricsAddress(app) };
    }

    public EmbeddedWorld World { get; }

    public WebApplication App { get; }

    public GrpcClient Grpc { get; }

    public HttpClient Http { get; }

    /// <summary>Scraped once /readyz answered, before the warm pool is full and before any traffic.</summary>
    public Scrape? AtStart { get; private set; }

    /// <summary>Scraped once the warm pool was full, before the burst.</summary>
    public Scrape? PoolFull { get; private set; }

    /// <summary>Scraped while the unplaceable pods were pending.</summary>
    public Scrape? WithPendingPods { get; private set; }

    /// <summary>Scraped when every node of the burst was Ready.</summary>
    public Scrape? AfterBurst { get; private set; }

    public static async Task<EmbeddedTraffic> StartAsync()
    {
        var policy = EmbeddedPolicy.Load().Policy!;
        policy.NodeGroups.Single(g => g.Id == Group).WarmPool = new WarmPoolPolicy { Size = WarmPoolSize };
        var world = await EmbeddedWorld.StartAsync(policy, TimeProvider.System, CancellationToken.None, new EmbeddedWorldOptions
        {
            Profile = LatencyProfileLoader.LoadEmbedded("fast").GetOrThrow(),
            Quiet = true,
        });
        var app = ProviderApp.Build(new ServeSettings
        {
            Policy = policy,
            Grpc = new GrpcListenOptions { Listen = "127.0.0.1:0" },
            MetricsListen = "127.0.0.1:0",
            Ecs = world.Connection,
            Kubernetes = world.Kubernetes,
            MinimumLogLevel = LogLevel.Warning,
        });
        await app.StartAsync();
        return new EmbeddedTraffic(world, app);
    }

    /// <summary>
    /// Waits for /readyz and a full warm pool; then pending pods (some that a node fits, some no group can host) that
    /// fast mode answers from the warm pool and new instances; then an IncreaseSize from the autoscaler's side; and
    /// waits until every instance of the group has a Ready node.
    /// </summary>
    public async Task RunAsync()
    {
        await Poll.UntilAsync(async () => (await Http.GetAsync(new Uri("/readyz", UriKind.Relative))).IsSuccessStatusCode, "readyz");
        AtStart = await ScrapeAsync();
        PoolFull = await PollScrapeAsync(s => s.ValueOrZero("fastscale_warm_pool_instances", ("group", Group), ("state", "ready")) == WarmPoolSize);

        CreateUnplaceablePods(World.Cluster.Store, UnplaceablePods);
        PendingPodDriver.CreatePods(World.Cluster.Store, FittingPods);
        // Each fitting pod needs a node of its own: wait until fast mode has asked for all of them (a burst's first
        // decision may cover only the pods seen in its first window), so the IncreaseSize below adds to them, not for them.
        WithPendingPods = await PollScrapeAsync(s => s.ValueOrZero("fastscale_demand_pending_pods") >= UnplaceablePods &&
            s.ValueOrZero("fastscale_demand_decisions_total", ("group", Group)) >= 1 &&
            s.ValueOrZero("fastscale_demand_nodes_requested_total", ("group", Group)) >= FittingPods);

        await Grpc.UnaryAsync(CloudProviderService.ServiceName, "NodeGroupIncreaseSize",
            new NodeGroupIncreaseSizeRequest { Id = Group, Delta = IncreaseDelta }, NodeGroupIncreaseSizeResponse.Parser);
        var expected = FittingPods + IncreaseDelta;
        AfterBurst = await PollScrapeAsync(s =>
            s.ValueOrZero("fastscale_node_group_instances", ("group", Group), ("state", "running")) == expected &&
            s.ValueOrZero("fastscale_node_ready_seconds_count", ("group", Group)) >= expected &&
            s.ValueOrZero("fastscale_demand_pending_pods") == UnplaceablePods);
    }

    public async Task<Scrape> ScrapeAsync() => new(await Http.GetStringAsync(new Uri("/metrics", UriKind.Relative)));

    public async Task<Scrape> PollScrapeAsync(Func<Scrape, bool> done)
    {
        Scrape? last = null;
        try
        {
            await Poll.UntilAsync(async () => done(last = await ScrapeAsync()), "scrape");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; last scrape:\n{last?.Text}", e);
        }

        return last!;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Grpc.Dispose();
        Http.Dispose();
        await World.DisposeAsync();
    }

    private static void CreateUnplaceablePods(ClusterStore store, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var pod = new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Pod",
                ["metadata"] = new JsonObject { ["name"] = $"too-big-{i}", ["namespace"] = "metrics" },
                ["spec"] = new JsonObject
                {
                    ["containers"] = new JsonArray(new JsonObject
                    {
                        ["name"] = "app",
                        ["image"] = "too/big:1",
                        ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = "500", ["memory"] = "4Ti" } },
                    }),
                },
                ["status"] = new JsonObject { ["phase"] = "Pending" },
            };
            Assert.Null(store.Create(ResourceKind.Pods, pod, "metrics").Error);
        }
    }
}
