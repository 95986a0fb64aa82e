using FastScale.Engine.Cloud;
using FastScale.Engine.NodeGroups;
using FastScale.Engine.Policy;
using FastScale.Engine.WarmPool;
using FastScale.Testing.Cloud;

namespace FastScale.Engine.Tests.WarmPool;

/// <summary>A restarted provider rebuilds each pool from the warm-pool tag and the instances' status.</summary>
public sealed class WarmPoolRecoveryTests
{
    private const CloudAction Run = CloudAction.RunInstances;

    [Fact]
    public async Task Restart_MidRefill_RecoversThePool_WithNoDuplicateAndNoLeak()
    {
        var policy = WarmPoolHarness.Policy(poolSize: 5);
        var cloudOptions = new InMemoryCloudOptions { ProvisionDelay = TimeSpan.FromSeconds(10) };
        var first = await WarmPoolHarness.RecoveredAsync(policy, cloudOptions: cloudOptions);
        await first.FillAsync();
        policy.NodeGroups[0].WarmPool.Size = 10;
        using var killed = new CancellationTokenSource();
        await first.RunUntilAsync(() => first.Pool.Creating == 5, cancellationToken: killed.Token);
        await killed.CancelAsync();

        var restarted = await WarmPoolHarness.RecoveredAsync(policy, first.Cloud, cloudOptions, first.Time);
        Assert.Equal((5, 5), (restarted.Pool.Ready, restarted.Pool.Creating));
        var runsBefore = first.CallsOf(Run).Count;
        await restarted.FillAsync();

        var inCloud = await restarted.InCloudAsync();
        Assert.Equal(10, inCloud.Count);
        Assert.All(inCloud, i => Assert.True(restarted.Cloud.IsStoppedEconomically(i.InstanceId)));
        Assert.Equal(inCloud.Select(i => i.InstanceId).Order(), restarted.WarmPools.WarmInstanceIds().Order());
        Assert.Equal(runsBefore, restarted.CallsOf(Run).Count);
        Assert.Empty(restarted.Nodes());
        Assert.Equal(0, restarted.Engine.TargetSize("g1").Value);
    }

    [Fact]
    public async Task Restart_WhileStopping_KeepsTheInstancesInThePool()
    {
        var policy = WarmPoolHarness.Policy(poolSize: 3);
        var first = await WarmPoolHarness.RecoveredAsync(policy);
        await first.FillAsync();
        var cloud = new StoppingCloud(first.Cloud);

        var restarted = new WarmPoolHarness(policy, first.Cloud, first.CloudOptions, first.Time);
        var pool = restarted.WarmPools;
        foreach (var instance in (await cloud.ListInstancesAsync("test", CancellationToken.None)).Value!)
        {
            Assert.True(pool.TryAdopt(restarted.Registry.Find("g1")!, instance));
        }

        Assert.Equal(3, restarted.Pool.Stopping);
        restarted.Registry.MarkRecovered();
        await restarted.FillAsync();
        Assert.Equal(3, restarted.Pool.Ready);
        Assert.Empty(restarted.Nodes());
    }

    [Fact]
    public async Task Restart_WarmTaggedInstanceRunning_IsAdoptedIntoTheGroup_AndThePoolRefills()
    {
        // Running warm-tagged instances cannot be told from taken ones; stopping a node would be the worse mistake.
        var policy = WarmPoolHarness.Policy(poolSize: 4);
        var first = await WarmPoolHarness.RecoveredAsync(policy, options: new WarmPoolOptions { WarmUpDuration = TimeSpan.FromMinutes(5) });
        using var killed = new CancellationTokenSource();
        await first.RunUntilAsync(() => first.Pool.Warming == 4, cancellationToken: killed.Token);
        await killed.CancelAsync();

        var restarted = await WarmPoolHarness.RecoveredAsync(policy, first.Cloud, first.CloudOptions, first.Time);
        Assert.Equal(4, restarted.Nodes().Count);
        Assert.Equal(4, restarted.Engine.TargetSize("g1").Value);
        Assert.Equal(0, restarted.Pool.Filling);
        await restarted.FillAsync();

        var inCloud = await restarted.InCloudAsync();
        Assert.Equal(8, inCloud.Count);
        Assert.All(restarted.Nodes(), n => Assert.False(restarted.WarmPools.IsWarm(n.InstanceId)));
        Assert.Equal(4, restarted.WarmPools.WarmInstanceIds().Count);
    }

    [Fact]
    public async Task Restart_AfterAScaleOutTookWarmInstances_KeepsThemInTheGroup_AndTheRestInThePool()
    {
        var policy = WarmPoolHarness.Policy(poolSize: 6);
        var first = await WarmPoolHarness.RecoveredAsync(policy);
        await first.FillAsync();
        first.Engine.IncreaseSize("g1", 4);
        using var killed = new CancellationTokenSource();
        await first.RunUntilAsync(() => first.Nodes().Count(n => n.State == InstanceState.Running) == 4, cancellationToken: killed.Token);
        await killed.CancelAsync();
        var nodes = first.Nodes().Select(n => n.InstanceId).Order().ToList();

        var restarted = await WarmPoolHarness.RecoveredAsync(policy, first.Cloud, first.CloudOptions, first.Time);

        Assert.Equal(nodes, restarted.Nodes().Select(n => n.InstanceId).Order());
        Assert.Equal(4, restarted.Engine.TargetSize("g1").Value);
        Assert.All(nodes, id => Assert.False(restarted.WarmPools.IsWarm(id)));
        await restarted.FillAsync();
        Assert.Equal(6, restarted.Pool.Ready);
        Assert.Equal(10, (await restarted.InCloudAsync()).Count);
        Assert.True(restarted.Batches.Last("g1") >= 1);
    }

    /// <summary>Reports every instance as Stopping, as ECS does between the stop call and Stopped.</summary>
    private sealed class StoppingCloud(InMemoryCloud inner)
    {
        public async Task<CloudResult<IReadOnlyList<CloudInstance>>> ListInstancesAsync(string clusterId, CancellationToken cancellationToken)
        {
            var listed = await inner.ListAllPagesAsync(clusterId, cancellationToken);
            return CloudResult<IReadOnlyList<CloudInstance>>.Ok([.. listed.Value!.Select(i => i with { Status = CloudInstanceStatus.Stopping })]);
        }
    }
}
