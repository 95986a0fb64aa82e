using FastScale.Burst;
using FastScale.Commands;
using FastScale.Kubernetes.Client;
using FastScale.Serve;
using FastScale.Simulation.Cluster;
using FastScale.Simulation.LatencyModel;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastScale.Tests.Burst;

/// <summary>
/// Bursts at a cluster's tempo: pods created by a simulated ReplicaSet controller at its client rate, a scheduler at
/// its own, instead of every pod at t = 0. Fast mode must still ask for exactly the nodes the pods need, in few calls.
/// </summary>
public sealed class BurstTempoTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "fastscale-tempo-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Tempo_NamedPresets_AreKubernetesDefaultsAndTheTunedValues()
    {
        Assert.True(BurstCommand.TempoOf("instant", null, null, null, null, null).IsInstant);
        Assert.Equal(new BurstTempo(20, 30, 50, 100, TimeSpan.Zero), BurstCommand.TempoOf("kubernetes", null, null, null, null, null));
        Assert.Equal(new BurstTempo(800, 1000, 800, 1000, TimeSpan.Zero), BurstCommand.TempoOf("tuned", null, null, null, null, null));
    }

    [Fact]
    public void Tempo_FlagsOverrideThePreset_AndAQpsAloneGetsTheDefaultBurst()
    {
        Assert.Equal(new BurstTempo(100, 30, 0, 100, TimeSpan.FromMilliseconds(20)), BurstCommand.TempoOf("instant", 100, null, null, null, "20ms"));
        Assert.Equal(new BurstTempo(20, 30, 400, 100, TimeSpan.Zero), BurstCommand.TempoOf("kubernetes", null, null, 400, null, null));
        Assert.Equal(BurstTempo.Kubernetes, BurstCommand.TempoOf("instant", 20, null, 50, null, null));
    }

    [Theory]
    [InlineData("fast", null, null, "--tempo: expected one of instant, kubernetes, tuned, got 'fast'")]
    [InlineData("instant", -1.0, null, "--pod-qps: expected a number > 0, got -1")]
    [InlineData("instant", null, "soon", "--api-write-latency: expected a duration such as 20ms, got 'soon'")]
    [InlineData("instant", null, "1m", "--api-write-latency: expected a duration from 0 to 10s")]
    public void Tempo_BadFlags_SayWhichAndWhatWasExpected(string name, double? podQps, string? latency, string expected)
    {
        var error = Assert.Throws<UserError>(() => BurstCommand.TempoOf(name, podQps, null, null, null, latency));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplicaSetPodCreator_CreatesEveryPodOnce_ThroughTheApi_InSyncsOf500()
    {
        await using var cluster = await ClusterSimulatorServer.StartAsync(new ClusterSimulatorOptions { Listen = "127.0.0.1:0" });
        await using var api = KubernetesApiClientFactory.Create(
            FastScale.Kubernetes.Config.KubernetesClientConfig.ForServer(cluster.Address, "test"), new KubernetesClientOptions { Qps = 0 },
            TimeProvider.System, NullLoggerFactory.Instance);
        var creator = new ReplicaSetPodCreator(api, TimeProvider.System);

        await creator.CreateAsync(1_100, CancellationToken.None);

        Assert.Equal(1_100, creator.Created);
        var names = cluster.Store.List(ResourceKind.Pods, PendingPodDriver.Namespace).Select(p => (string)p["metadata"]!["name"]!).ToList();
        Assert.Equal(1_100, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains("burst-01099", names);
    }

    [Fact]
    public void ABaselineSees_OnlyThePodsTheSchedulerHasBeenThrough()
    {
        using var store = new ClusterStore();
        PendingPodDriver.CreatePods(store, 5);
        Assert.Equal(0, PendingPodDriver.SeenByScheduler(store));

        var condition = System.Text.Json.Nodes.JsonNode.Parse(
            """{"status":{"conditions":[{"type":"PodScheduled","status":"False","reason":"Unschedulable"}]}}""")!;
        Assert.Null(store.Patch(ResourceKind.Pods, PendingPodDriver.Namespace, "burst-00001", PatchType.Merge, condition, statusSubresource: true).Error);
        Assert.Null(store.Bind(PendingPodDriver.Namespace, "burst-00003", "node-1").Error);

        Assert.Equal(2, PendingPodDriver.SeenByScheduler(store));
    }

    [Fact]
    public async Task FastMode100_AtKubernetesDefaultTempo_EveryNodeNeeded_NoneBeyond_InAFewCalls()
    {
        var scenario = BurstScenarios.Find("fastmode-100", null, out _)!;
        var settings = new BurstSettings(EmbeddedPolicy.Load().Policy!, LatencyProfileLoader.LoadEmbedded().GetOrThrow(), Seed: 1, TimeScale: 4,
            Tempo: BurstTempo.Kubernetes);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));

        var report = await BurstSession.RunAsync(scenario, settings, _folder, progress: null, TimeProvider.System, timeout.Token);

        var run = report.FastScale;
        Assert.Equal(100, run.NodesReady);
        Assert.Equal(0, run.DuplicateInstances);
        Assert.Equal(0, run.LeakedInstances);
        // 100 pods over about 5 s: one call for the first pods, then about one a second while the rest trickle in.
        Assert.InRange(run.CloudCalls["RunInstances"], 2, 10);
        Assert.Equal(100, report.Upstream.NodesReady);
        Assert.Equal(0, report.Upstream.DuplicateInstances);
        Assert.Equal(100, report.Naive.NodesReady);
        var json = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_folder, "report.json")))!;
        Assert.Equal(20, (double)json["tempo"]!["podQps"]!);
        Assert.Equal(50, (double)json["tempo"]!["schedulerQps"]!);
        Assert.True((double)json["launchCallsPerNode"]! <= 0.1);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
