using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Models;
using FastScale.Simulation.Nodes;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastScale.Simulation.Tests.Nodes;

/// <summary>
/// Each kubelet paces its own Kubernetes API requests (kubelet's kubeAPIQPS/kubeAPIBurst) and renews its Lease in its
/// own slot, on a fake clock against the in-process API simulator. A recorder between the kubelets and the client sees
/// when each request actually left its kubelet.
/// </summary>
public sealed class KubeletPacingTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RealTimeLimit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task EachKubelet_SendsWithinItsOwnQpsAndBurst_WhileTogetherTheyExceedOneBudget()
    {
        RecordingKubernetesClient recorder = null!;
        await using var world = await KubeletTestWorld.StartAsync(
            new KubeletSimulatorOptions { KubeApiQps = 1, KubeApiBurst = 2 }, (client, time) => recorder = new RecordingKubernetesClient(client, time));
        var ids = Enumerable.Range(0, 5).Select(i => $"i-{i}").ToList();
        ids.ForEach(id => world.Cloud.Set(id, "Running"));

        // Registration (create Node, create Lease) then Ready (status patch, read, taint patch) is five requests in
        // about a second unpaced: at 1 QPS with a burst of 2 each kubelet must spread them over three seconds.
        await RunUntilAsync(world, () => world.Kubelets.Counters.NodesReady == 5 && world.Kubelets.Counters.LeaseRenewals >= 5);

        var byNode = recorder.Sent.Where(r => r.Name is not null).GroupBy(r => r.Name!).ToDictionary(g => g.Key, g => g.Select(r => r.At).ToList());
        Assert.Equal(ids.Order(), byNode.Keys.Order());
        foreach (var (node, sent) in byNode)
        {
            Assert.True(sent.Count >= 6, $"{node}: only {sent.Count} requests");
            PacingAssert.WithinBudget(sent, 1, 2, node);
        }

        var busiestInstant = recorder.Sent.GroupBy(r => r.At).Max(g => g.Count());
        Assert.True(busiestInstant > 2, $"at most {busiestInstant} requests at one instant: the kubelets shared one budget");
        Assert.Equal(recorder.Sent.Count, world.Kubelets.Counters.ApiRequests);
    }

    [Fact]
    public async Task ThousandNodes_LeaseRenewalsSpreadOverTheInterval_AboutAHundredASecondNeverAllAtOnce()
    {
        await using var world = await KubeletTestWorld.StartAsync();
        for (var i = 0; i < 1000; i++)
        {
            world.Cloud.Set($"i-{i:0000}", "Running");
        }

        await world.Kubelets.SyncAsync(default);
        await StepAsync(world, TimeSpan.FromSeconds(2));
        await StepAsync(world, Second);
        Assert.Equal(1000, world.Kubelets.Census().Ready);

        // All 1,000 turned Ready in the same instant here, and a lifecycle step goes before a heartbeat: the renewals
        // whose slots fell in that second follow one second late. The steady state is measured after that catch-up.
        await StepAsync(world, Second);
        var perSecond = new List<long>();
        for (var i = 0; i < 30; i++)
        {
            var before = world.Kubelets.Counters.LeaseRenewals;
            await StepAsync(world, Second);
            perSecond.Add(world.Kubelets.Counters.LeaseRenewals - before);
        }

        // 1,000 nodes renewing every 10 s: 100 writes a second on average; in lockstep some second would carry 1,000.
        Assert.InRange(perSecond.Sum(), 2900, 3100);
        Assert.All(perSecond, n => Assert.InRange(n, 70, 130));
        Assert.Equal(TimeSpan.Zero, world.Kubelets.Census().WorstLeaseLag);
    }

    [Fact]
    public async Task ThrottledRenewals_CountedAs429_AndTheCensusShowsTheLeaseFallingBehind()
    {
        RecordingKubernetesClient recorder = null!;
        await using var world = await KubeletTestWorld.StartAsync(null, (client, time) => recorder = new RecordingKubernetesClient(client, time));
        world.Cloud.Set("i-1", "Running");
        await world.Kubelets.SyncAsync(default);
        await StepAsync(world, TimeSpan.FromSeconds(2));
        await StepAsync(world, Second);
        var renewed = (await world.Client.GetAsync(KubernetesResources.Leases, "kube-node-lease", "i-1", default)).GetValueOrThrow().Spec!.RenewTime!.Value;

        recorder.Answer = new KubernetesApiError(429, "TooManyRequests", "the server has received too many requests");
        var before = recorder.Sent.Count;
        for (var i = 0; i < 25; i++)
        {
            await StepAsync(world, Second);
        }

        var census = world.Kubelets.Census();
        Assert.Equal(1, census.Ready);
        Assert.Equal(world.Time.GetUtcNow() - renewed - TimeSpan.FromSeconds(10), census.WorstLeaseLag);
        Assert.True(census.WorstLeaseLag > TimeSpan.FromSeconds(10));
        Assert.Equal(recorder.Sent.Count - before, world.Kubelets.Counters.ApiThrottled);
        Assert.True(world.Kubelets.Counters.ApiThrottled > 0);
    }

    [Fact]
    public void Options_DefaultsAreKubeletsOwn()
    {
        var options = new KubeletSimulatorOptions();

        Assert.Equal((50d, 100), (options.KubeApiQps, options.KubeApiBurst));
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void Options_NegativeQpsAndMissingBurst_ReportedTogether_AndTheSimulatorRefusesThem()
    {
        var negative = new KubeletSimulatorOptions { KubeApiQps = -1, RetryDelay = TimeSpan.Zero }.Validate();
        var noBurst = new KubeletSimulatorOptions { KubeApiQps = 5, KubeApiBurst = 0 };

        Assert.Contains(negative, p => p.Contains("KubeApiQps", StringComparison.Ordinal));
        Assert.Contains(negative, p => p.Contains("RetryDelay", StringComparison.Ordinal));
        Assert.Contains(noBurst.Validate(), p => p.Contains("KubeApiBurst", StringComparison.Ordinal));
        Assert.Empty(new KubeletSimulatorOptions { KubeApiQps = 0, KubeApiBurst = 0 }.Validate());
        var refused = Assert.Throws<ArgumentException>(() => new KubeletSimulator(
            new FakeInstanceSource(), new RecordingKubernetesClient(null!, TimeProvider.System), TestPolicy.Create(), Ecs.TestProfiles.Fixed(), noBurst,
            TimeProvider.System, NullLogger<KubeletSimulator>.Instance));
        Assert.Contains("KubeApiBurst", refused.Message, StringComparison.Ordinal);
    }

    private static async Task StepAsync(KubeletTestWorld world, TimeSpan by)
    {
        world.Time.Advance(by);
        await world.Kubelets.SyncAsync(default);
    }

    /// <summary>Runs the kubelets' own loop while the fake clock moves 20 ms at a time, until <paramref name="done"/>.
    /// Kubelets waiting for tokens wait on the fake clock, so a single sync could not finish without it moving.</summary>
    private static async Task RunUntilAsync(KubeletTestWorld world, Func<bool> done)
    {
        using var stop = new CancellationTokenSource();
        var running = world.Kubelets.RunAsync(stop.Token);
        var started = TimeProvider.System.GetTimestamp();
        try
        {
            while (!done())
            {
                Assert.True(TimeProvider.System.GetElapsedTime(started) < RealTimeLimit, "the kubelets did not get there");
                world.Time.Advance(TimeSpan.FromMilliseconds(20));
                await Task.Delay(TimeSpan.FromMilliseconds(1), TimeProvider.System);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }
    }
}
