using FastScale.Engine.NodeGroups;

namespace FastScale.Engine.Tests.WarmPool;

/// <summary>A follower's view of the warm pool follows the leader's: what the leader took into the group leaves the
/// pool, what it refilled joins it, so a takeover never starts an instance that is already a node.</summary>
public sealed class WarmPoolResyncTests
{
    [Fact]
    public async Task Resync_FollowerMirrorsTheLeadersPoolAndTheInstancesItTook()
    {
        var leader = await WarmPoolHarness.RecoveredAsync(WarmPoolHarness.Policy(poolSize: 10));
        var follower = await WarmPoolHarness.RecoveredAsync(WarmPoolHarness.Policy(poolSize: 10), leader.Cloud, time: leader.Time);
        await leader.FillAsync();

        await follower.Reconciler.ResyncAsync(CancellationToken.None);
        Assert.Equal(leader.WarmPools.WarmInstanceIds().Order(), follower.WarmPools.WarmInstanceIds().Order());
        Assert.Empty(follower.Nodes());

        leader.Engine.IncreaseSize("g1", 6);
        await leader.RunUntilAsync(() => leader.Nodes().Count(n => n.State == InstanceState.Running) == 6 && leader.Pool.Ready == 10);
        await follower.Reconciler.ResyncAsync(CancellationToken.None);

        Assert.Equal(leader.Nodes().Select(n => n.InstanceId).Order(), follower.Nodes().Select(n => n.InstanceId).Order());
        Assert.Equal(leader.WarmPools.WarmInstanceIds().Order(), follower.WarmPools.WarmInstanceIds().Order());
        Assert.All(follower.Nodes(), n => Assert.False(follower.WarmPools.IsWarm(n.InstanceId)));
        Assert.Equal(6, follower.Engine.TargetSize("g1").Value);
    }
}
