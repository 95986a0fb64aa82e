using FastScale.Engine.Cloud;
using FastScale.Engine.NodeGroups;
using FastScale.Engine.Policy;
using FastScale.Testing.Cloud;

namespace FastScale.Engine.Tests.WarmPool;

/// <summary>Scale-out with a warm pool: warm instances first, the remainder cold, stock-outs fall back, refill after.</summary>
public sealed class WarmPoolScaleOutTests
{
    private const CloudAction Run = CloudAction.RunInstances;
    private const CloudAction Start = CloudAction.StartInstances;

    [Fact]
    public async Task ScaleOut_WithinThePool_StartsWarmInstancesOnly_AndTheyBecomeNodes()
    {
        var h = await WarmPoolHarness.RecoveredAsync(WarmPoolHarness.Policy(poolSize: 10));
        await h.FillAsync();
        var warm = h.WarmPools.WarmInstanceIds().ToHashSet();
        var scaleOutAt = h.Time.GetUtcNow();

        h.Engine.IncreaseSize("g1", 6);
        await h.RunUntilAsync(() => h.Nodes().Count(n => n.State == InstanceState.Running) == 6 && h.Pool.Ready == 10);

        var nodes = h.Nodes();
        Assert.Equal(6, nodes.Count);
        Assert.All(nodes, n => Assert.Contains(n.InstanceId, warm));
        Assert.All(nodes, n => Assert.Equal(ProviderIds.Format("cn-hangzhou", n.InstanceId), n.Id));
        Assert.All(nodes, n => Assert.False(h.WarmPools.IsWarm(n.InstanceId)));
        Assert.All(nodes, n => Assert.Same(h.Registry.Find("g1"), h.Engine.ForNode(new NodeRef(n.Id, n.InstanceId)).Value));
        Assert.Equal(6, h.Engine.TargetSize("g1").Value);
        var start = Assert.Single(h.CallsOf(Start));
        Assert.Equal((6, scaleOutAt), (start.Count, start.At));
        // The only RunInstances after the scale-out is the refill of the six, once the group had settled.
        var refill = Assert.Single(h.CallsOf(Run, since: scaleOutAt));
        Assert.Equal(6, refill.Count);
        Assert.Equal(16, (await h.InCloudAsync()).Count);
    }

    [Fact]
    public async Task ScaleOut_BeyondThePool_TakesThePool_AndCreatesOnlyTheRemainder()
    {
        var h = await WarmPoolHarness.RecoveredAsync(WarmPoolHarness.Policy(poolSize: 10));
        await h.FillAsync();
        var warm = h.WarmPools.WarmInstanceIds().ToHashSet();
        var scaleOutAt = h.Time.GetUtcNow();

        h.Engine.IncreaseSize("g1", 25);
        await h.RunUntilAsync(() => h.Nodes().Count(n => n.State == InstanceState.Running) == 25 && h.Pool.Ready == 10);

        Assert.Equal(10, h.Nodes().Count(n => warm.Contains(n.InstanceId)));
        Assert.Equal(25, h.Nodes().Count);
        Assert.Equal((10, scaleOutAt), (Assert.Single(h.CallsOf(Start)).Count, Assert.Single(h.CallsOf(Start)).At));
        var runs = h.CallsOf(Run, since: scaleOutAt);
        Assert.Equal((15, scaleOutAt), (runs[0].Count, runs[0].At));
        Assert.Equal([15, 10], runs.Select(c => c.Count));
    }

    [Fact]
    public async Task ScaleOut_OfMoreThan100WarmInstances_StartsInBatchesOf100()
    {
        var h = await WarmPoolHarness.RecoveredAsync(WarmPoolHarness.Policy(poolSize: 250));
        await h.FillAsync();

        h.Engine.IncreaseSize("g1", 250);
        await h.RunUntilAsync(() => h.Nodes().Count(n => n.State == InstanceState.Running) == 250);

        Assert.Equal([100, 100, 50], h.CallsOf(Start).Select(c => c.Count).Order().Reverse());
    }

    [Fact]
    public async Task ScaleOut_WarmStartOutOfStock_FallsBackToCreating_InTheSamePass_AndReleasesTheRefused()
    {
        var h = await WarmPoolHarness.RecoveredAsync(WarmPoolHarness.Policy(poolSize: 10));
        await h.FillAsync();
        var warm = h.WarmPools.WarmInstanceIds().ToHashSet();
        // The pool was created in the first offering; its stock is gone, so economical starts are refused.
        h.CloudOptions.OutOfStock.Add("ecs.g7.large@cn-hangzhou-h");
        var scaleOutAt = h.Time.GetUtcNow();

        h.Engine.IncreaseSize("g1", 4);
        await h.RunUntilAsync(() => h.Nodes().Count(n => n.State == InstanceState.Running) == 4 && h.Pool.Ready == 10);

        var nodes = h.Nodes();
        Assert.All(nodes, n => Assert.DoesNotContain(n.InstanceId, warm));
        var coldRun = h.CallsOf(Run, since: scaleOutAt)[0];
        Assert.Equal((4, scaleOutAt, null), (coldRun.Count, coldRun.At, coldRun.Error));
        var inCloud = await h.InCloudAsync();
        Assert.All(inCloud.Where(i => nodes.Any(n => n.InstanceId == i.InstanceId)), i => Assert.Equal("cn-hangzhou-i", i.ZoneId));
        Assert.Equal(4, warm.Count(id => inCloud.All(i => i.InstanceId != id)));
        Assert.Equal(14, inCloud.Count);
        Assert.Equal(4, h.Engine.TargetSize("g1").Value);
        Assert.All(h.Nodes(), n => Assert.False(n.IsFailedCreation));
    }

    [Fact]
    public async Task Refill_WaitsUntilTheScaleOutHasSettled()
    {
        var h = await WarmPoolHarness.RecoveredAsync(WarmPoolHarness.Policy(poolSize: 5));
        h.Time.Advance(TimeSpan.FromSeconds(10));
        // The cloud's Retry-After holds RunInstances until 00:01:00 (without one, the budget would probe a second later).
        h.Cloud.InjectError(Run, CloudFaults.Throttled(TimeSpan.FromSeconds(50)));
        h.Engine.IncreaseSize("g1", 20);

        await h.RunForAsync(TimeSpan.FromSeconds(45));
        Assert.Equal(0, h.Pool.Filling);
        Assert.Equal("Throttling.User", Assert.Single(h.CallsOf(Run)).Error!.Code);
        await h.RunUntilAsync(() => h.Nodes().Count == 20 && h.Pool.Ready == 5);

        var runs = h.CallsOf(Run).Where(c => c.Error is null).ToList();
        Assert.Equal([20, 5], runs.Select(c => c.Count));
        Assert.True(runs[0].At >= WarmPoolHarness.Start + TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Refill_AlreadyQueued_YieldsEveryRunInstancesTokenToAScaleOut()
    {
        var policy = WarmPoolHarness.Policy(poolSize: 150);
        policy.Pacing[Run] = new ActionPacing { Qps = 0.2, Burst = 1 };
        var h = await WarmPoolHarness.RecoveredAsync(policy);

        // The refill's first batch of 100 takes the only token; its batch of 50 waits for the next, 5 s later.
        h.Reconciler.Pass.RunOnce(CancellationToken.None);
        h.Time.Advance(TimeSpan.FromSeconds(1));
        h.Engine.IncreaseSize("g1", 30);
        await h.RunUntilAsync(() => h.Nodes().Count == 30 && h.Pool.Filling == 150);

        var runs = h.CallsOf(Run);
        Assert.Equal([100, 30, 50], runs.Select(c => c.Count));
        Assert.Equal(
            [WarmPoolHarness.Start, WarmPoolHarness.Start + TimeSpan.FromSeconds(5), WarmPoolHarness.Start + TimeSpan.FromSeconds(10)],
            runs.Select(c => c.At));
        Assert.Equal(30, h.Nodes().Count);
    }
}
