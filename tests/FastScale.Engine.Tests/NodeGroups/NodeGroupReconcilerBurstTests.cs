using FastScale.Engine.Cloud;
using FastScale.Engine.NodeGroups;
using FastScale.Engine.Policy;
using FastScale.Testing.Cloud;

namespace FastScale.Engine.Tests.NodeGroups;

/// <summary>The reconciler over the launcher: bursts, pacing, throttling, status polls, quota and restarts.</summary>
public sealed class NodeGroupReconcilerBurstTests
{
    private const CloudAction Run = CloudAction.RunInstances;
    private const CloudAction Describe = CloudAction.DescribeInstances;
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Burst_1000Nodes_BecomesTenConcurrentRunInstancesCallsOf100()
    {
        var h = await EngineHarness.RecoveredAsync(TestPolicies.OneGroup());
        h.Engine.IncreaseSize("g1", 1000);

        await h.ReconcileAsync();

        var launches = h.Cloud.Calls.Where(c => c.Action == Run).ToList();
        Assert.Equal(10, launches.Count);
        Assert.All(launches, c => Assert.Equal((100, Start), (c.Count, c.At)));
        Assert.Equal(10, launches.Select(c => c.ClientToken).Distinct().Count());
        Assert.Equal(1000, h.Cloud.InstanceCount);
        Assert.Equal(1000, h.Instances().Count);
    }

    [Fact]
    public async Task Burst_PacedAtTwoPerSecond_NeverExceedsThePace()
    {
        var h = await EngineHarness.RecoveredAsync(Paced(TestPolicies.OneGroup(), Run, qps: 2, burst: 2));
        h.Engine.IncreaseSize("g1", 1000);

        await h.ReconcileAsync();

        var at = h.Cloud.Calls.Where(c => c.Action == Run).Select(c => c.At).ToList();
        Assert.Equal(10, at.Count);
        Assert.All(at, t => Assert.True(at.Count(u => u >= t && u < t + TimeSpan.FromSeconds(1)) <= 3, $"more than burst + pace in the second from {t:T}"));
        Assert.Equal(Start + TimeSpan.FromSeconds(4), at.Max());
        Assert.Equal(1000, h.Cloud.InstanceCount);
    }

    [Fact]
    public async Task Burst_Throttled_ProbesASecondLaterThenFinishesAtTheLoweredRateCreatingEveryNodeOnce()
    {
        var h = await EngineHarness.RecoveredAsync(TestPolicies.OneGroup());
        h.Time.Advance(TimeSpan.FromSeconds(20));
        h.Cloud.InjectError(Run, CloudFaults.Throttled());
        h.Engine.IncreaseSize("g1", 1000);

        await h.ReconcileAsync();

        var launches = h.Cloud.Calls.Where(c => c.Action == Run).ToList();
        Assert.Equal(Start + TimeSpan.FromSeconds(20), Assert.Single(launches, c => c.Error is not null).At);
        var succeeded = launches.Where(c => c.Error is null).Select(c => c.At).ToList();
        Assert.Equal(Start + TimeSpan.FromSeconds(21), succeeded.Min());
        Assert.All(succeeded, t => Assert.True(succeeded.Count(u => u >= t && u < t + TimeSpan.FromSeconds(1)) <= 5, $"more than the lowered 5/s in the second from {t:T}"));
        Assert.Equal(10, succeeded.Count);
        Assert.Equal(1000, h.Cloud.InstanceCount);
        Assert.Equal(1, h.Budget.Throttles);
        Assert.Equal(5, h.Budget.CurrentQps(Run));
    }

    [Fact]
    public async Task StatusPoll_DescribesOnlyInstancesComingUp_In100s_AtMostOncePerPollInterval()
    {
        var h = await EngineHarness.RecoveredAsync(TestPolicies.OneGroup(), options: new InMemoryCloudOptions { ProvisionDelay = TimeSpan.FromSeconds(30) });
        h.Engine.IncreaseSize("g1", 250);

        await h.ReconcileAsync();
        h.Time.Advance(TimeSpan.FromSeconds(1));
        await h.ReconcileAsync();
        Assert.Equal([100, 100, 50], DescribeCounts(h));

        h.Time.Advance(TimeSpan.FromSeconds(30));
        await h.ReconcileAsync();
        Assert.All(h.Instances(), i => Assert.Equal(InstanceState.Running, i.State));

        h.Time.Advance(TimeSpan.FromSeconds(5));
        await h.ReconcileAsync();
        Assert.Equal([100, 100, 50, 100, 100, 50], DescribeCounts(h));
    }

    [Fact]
    public async Task Quota_FailedSlotsAreReportedAsOutOfResources()
    {
        var h = await EngineHarness.RecoveredAsync(TestPolicies.OneGroup(), options: new InMemoryCloudOptions { MaxInstances = 30 });
        h.Engine.IncreaseSize("g1", 50);

        await h.ReconcileAsync();

        var failed = h.Instances().Where(i => i.IsFailedCreation).ToList();
        Assert.Equal(20, failed.Count);
        Assert.All(failed, i => Assert.Equal((InstanceErrorClass.OutOfResources, "QuotaExceed.ElasticQuota"), (i.Error!.Class, i.Error.Code)));
        Assert.Equal(30, h.Instances().Count(i => !i.IsFailedCreation));
        Assert.Equal(50, h.Engine.TargetSize("g1").Value);
    }

    [Fact]
    public async Task Restart_MidBurst_FinishesWithNoDuplicateAndNoLeak()
    {
        var policy = Paced(TestPolicies.OneGroup(), Run, qps: 1, burst: 1);
        var first = await EngineHarness.RecoveredAsync(policy);
        first.Engine.IncreaseSize("g1", 1000);
        using var killed = new CancellationTokenSource();
        first.Reconciler.Pass.RunOnce(killed.Token);
        for (var step = 0; step < 35; step++)
        {
            first.Time.Advance(TimeSpan.FromMilliseconds(100));
        }

        await killed.CancelAsync();
        await first.SettleAsync();
        Assert.Equal(400, first.Cloud.InstanceCount);
        var highestTag = (await first.Cloud.ListAllPagesAsync("test", CancellationToken.None)).Value!.Max(i => i.LaunchBatch);

        var restarted = await EngineHarness.RecoveredAsync(policy, first.Cloud, first.CloudOptions, first.Time);
        Assert.Equal(400, restarted.Engine.TargetSize("g1").Value);
        Assert.Equal(highestTag, restarted.Batches.Last("g1"));
        restarted.Engine.IncreaseSize("g1", 600);
        await restarted.ReconcileAsync();

        var inCloud = (await first.Cloud.ListAllPagesAsync("test", CancellationToken.None)).Value!;
        Assert.Equal(1000, inCloud.Count);
        Assert.Equal(inCloud.Select(i => i.InstanceId).Order(), restarted.Instances().Select(i => i.InstanceId).Order());
        Assert.Equal(10, inCloud.Select(i => i.LaunchBatch).Distinct().Count());
        Assert.Equal(600, inCloud.Count(i => i.LaunchBatch > highestTag));
        var tokens = first.Cloud.Calls.Where(c => c.Action == Run).Select(c => c.ClientToken).ToList();
        Assert.Equal(tokens.Count, tokens.Distinct().Count());
    }

    [Fact]
    public async Task Restart_WhileALaunchAnswerWasLost_AdoptsThoseInstancesAndLaunchesNothingMore()
    {
        var first = await EngineHarness.RecoveredAsync(TestPolicies.OneGroup());
        first.Cloud.InjectLostResponse(Run);
        first.Engine.IncreaseSize("g1", 100);
        using var killed = new CancellationTokenSource();
        first.Reconciler.Pass.RunOnce(killed.Token);
        await killed.CancelAsync();
        await first.SettleAsync();

        var restarted = await EngineHarness.RecoveredAsync(TestPolicies.OneGroup(), first.Cloud, first.CloudOptions, first.Time);
        await restarted.ReconcileAsync();

        Assert.Equal(100, first.Cloud.InstanceCount);
        Assert.Equal(1, first.Cloud.LaunchCalls);
        Assert.Equal(100, restarted.Instances().Count);
    }

    private static int[] DescribeCounts(EngineHarness h) =>
        [.. h.Cloud.Calls.Where(c => c.Action == Describe && c.Count > 0).Select(c => c.Count)];

    private static ScalePolicy Paced(ScalePolicy policy, CloudAction action, double qps, int burst)
    {
        policy.Pacing[action] = new ActionPacing { Qps = qps, Burst = burst };
        return policy;
    }
}
