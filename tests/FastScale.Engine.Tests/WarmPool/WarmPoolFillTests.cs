using FastScale.Engine.Cloud;
using FastScale.Engine.Launch;
using FastScale.Engine.NodeGroups;
using FastScale.Engine.Policy;
using FastScale.Engine.WarmPool;
using FastScale.Testing.Cloud;

namespace FastScale.Engine.Tests.WarmPool;

/// <summary>Filling and keeping a pool: created through the launcher, booted once, stopped economically, never nodes.</summary>
public sealed class WarmPoolFillTests
{
    [Fact]
    public async Task Fill_PoolOfTen_EndsWithTenInstancesStoppedEconomically()
    {
        var h = await WarmPoolHarness.RecoveredAsync(WarmPoolHarness.Policy(poolSize: 10));

        await h.FillAsync();

        var inCloud = await h.InCloudAsync();
        Assert.Equal(10, inCloud.Count);
        Assert.All(inCloud, i => Assert.True(i.WarmPool, $"{i.InstanceId} is not tagged warm"));
        Assert.All(inCloud, i => Assert.Equal(CloudInstanceStatus.Stopped, i.Status));
        Assert.All(inCloud, i => Assert.True(h.Cloud.IsStoppedEconomically(i.InstanceId), $"{i.InstanceId} is not stopped economically"));
        Assert.Equal(10, Assert.Single(h.CallsOf(CloudAction.RunInstances)).Count);
        Assert.Equal(10, Assert.Single(h.CallsOf(CloudAction.StopInstances)).Count);
        Assert.Equal(new WarmPoolStatus("g1", 10, 0, 0, 0, 10, 0, 0, 0), h.Pool);
    }

    [Fact]
    public async Task Fill_WarmInstances_AreNeitherNodesNorTargetNorKnownToNodeGroupForNode()
    {
        var h = await WarmPoolHarness.RecoveredAsync(WarmPoolHarness.Policy(poolSize: 5));

        await h.FillAsync();

        Assert.Empty(h.Nodes());
        Assert.Equal(0, h.Engine.TargetSize("g1").Value);
        foreach (var id in h.WarmPools.WarmInstanceIds())
        {
            Assert.True(h.WarmPools.IsWarm(id));
            var node = new NodeRef(ProviderIds.Format("cn-hangzhou", id), id);
            Assert.True(h.WarmPools.IsWarm(node));
            Assert.Null(h.Engine.ForNode(node).Value);
        }

        Assert.Equal(5, h.WarmPools.WarmInstanceIds().Count);
        Assert.False(h.WarmPools.IsWarm("i-not-ours"));
    }

    [Fact]
    public async Task Fill_WarmPoolTagged_BootedBeforeTheStop_AndStoppedOnlyAfterTheWarmUp()
    {
        var h = await WarmPoolHarness.RecoveredAsync(WarmPoolHarness.Policy(poolSize: 3),
            cloudOptions: new InMemoryCloudOptions { ProvisionDelay = TimeSpan.FromSeconds(5) },
            options: new WarmPoolOptions { WarmUpDuration = TimeSpan.FromSeconds(20) });

        await h.FillAsync();

        var launched = Assert.Single(h.CallsOf(CloudAction.RunInstances)).At;
        var stopped = Assert.Single(h.CallsOf(CloudAction.StopInstances)).At;
        Assert.True(stopped - launched >= TimeSpan.FromSeconds(25), $"stopped {stopped - launched} after the launch: before boot and warm-up");
        Assert.True(stopped - launched < TimeSpan.FromSeconds(30), $"stopped {stopped - launched} after the launch: much later than needed");
    }

    [Fact]
    public async Task Fill_PolicySizeShrinks_SurplusReadyInstancesAreReleased()
    {
        var policy = WarmPoolHarness.Policy(poolSize: 6);
        var h = await WarmPoolHarness.RecoveredAsync(policy);
        await h.FillAsync();

        policy.NodeGroups[0].WarmPool.Size = 2;
        await h.FillAsync();

        Assert.Equal(2, (await h.InCloudAsync()).Count);
        Assert.Equal(4, Assert.Single(h.CallsOf(CloudAction.DeleteInstances)).Count);
    }

    [Fact]
    public async Task Fill_RefillLeftShortByQuota_WaitsBeforeTryingAgain()
    {
        var h = await WarmPoolHarness.RecoveredAsync(WarmPoolHarness.Policy(poolSize: 4),
            cloudOptions: new InMemoryCloudOptions { MaxInstances = 3 },
            options: new WarmPoolOptions { RefillRetryDelay = TimeSpan.FromSeconds(30) });

        await h.RunUntilAsync(() => h.Pool.Ready == 3, limit: TimeSpan.FromSeconds(20));
        h.Time.Advance(TimeSpan.FromSeconds(5));
        await h.RunUntilAsync(() => true);
        var tried = h.CallsOf(CloudAction.RunInstances).Count;
        h.CloudOptions.MaxInstances = 10;
        await h.FillAsync();

        Assert.Equal(2, tried);
        Assert.Equal(3, h.CallsOf(CloudAction.RunInstances).Count);
        Assert.True(h.CallsOf(CloudAction.RunInstances)[^1].At >= WarmPoolHarness.Start + TimeSpan.FromSeconds(30));
        Assert.Equal(4, (await h.InCloudAsync()).Count);
    }
}
