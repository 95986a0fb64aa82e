using FastScale.Engine.Cloud;
using FastScale.Engine.Policy;
using FastScale.Engine.Repair;
using FastScale.Engine.Tests.Repair;
using FastScale.Engine.WarmPool;

namespace FastScale.Engine.Tests.WarmPool;

/// <summary>
/// warmPool.joinBeforePark: a pool instance is stopped only once its Node registered and was cordoned, within the share
/// of the autoscaler's unready tolerance that parked Nodes may take; beyond it, and without a node view, it parks at once.
/// </summary>
public sealed class WarmPoolJoinBeforeParkTests
{
    [Fact]
    public async Task Join_StopsOnlyOnceTheNodeRegisteredAndIsCordoned()
    {
        var nodes = new FakeNodeHealthSource();
        var h = await WarmPoolHarness.RecoveredAsync(Policy(poolSize: 3, okUnready: 100), nodes: nodes);

        await h.RunUntilAsync(() => h.Pool.Warming == 3);
        await h.RunForAsync(TimeSpan.FromSeconds(30));
        Assert.Empty(h.CallsOf(CloudAction.StopInstances));

        var ids = h.WarmPools.WarmInstanceIds();
        foreach (var id in ids)
        {
            nodes.Set(id, NodeReadiness.Ready, h.Time.GetUtcNow());
        }

        await h.RunForAsync(TimeSpan.FromSeconds(5));
        Assert.Empty(h.CallsOf(CloudAction.StopInstances));

        foreach (var id in ids)
        {
            nodes.Set(id, NodeReadiness.Ready, h.Time.GetUtcNow(), cordoned: true);
        }

        await h.FillAsync();
        Assert.Equal(3, Assert.Single(h.CallsOf(CloudAction.StopInstances)).Count);
        Assert.Equal(3, h.Pool.Joined);
    }

    [Fact]
    public async Task Join_BeyondTheShareOfTheAutoscalersTolerance_TheRestParkAtOnce()
    {
        // The autoscaler's defaults (3 Nodes, 45 %) in an empty cluster: half of 3 rounds down to 1 parked Node.
        var nodes = new FakeNodeHealthSource();
        var h = await WarmPoolHarness.RecoveredAsync(Policy(poolSize: 5), nodes: nodes);

        await h.RunUntilAsync(() => h.Pool.Warming + h.Pool.Stopping + h.Pool.Ready == 5);
        await h.RunForAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(4, Assert.Single(h.CallsOf(CloudAction.StopInstances)).Count);
        var waiting = Assert.Single(await h.InCloudAsync(), i => i.Status == CloudInstanceStatus.Running).InstanceId;
        nodes.Set(waiting, NodeReadiness.Ready, h.Time.GetUtcNow(), cordoned: true);

        await h.FillAsync();
        Assert.Equal(1, h.Pool.Joined);
    }

    [Fact]
    public async Task Join_ToleranceGrowsWithTheCluster_MoreNodesMayStayParked()
    {
        // 45 % of 40 Nodes is 18; half of it, 9.
        var nodes = new FakeNodeHealthSource { NodeCountOverride = 40 };
        var h = await WarmPoolHarness.RecoveredAsync(Policy(poolSize: 12), nodes: nodes);

        await h.RunUntilAsync(() => h.Pool.Warming + h.Pool.Stopping + h.Pool.Ready == 12);
        await h.RunForAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(3, Assert.Single(h.CallsOf(CloudAction.StopInstances)).Count);
    }

    [Fact]
    public async Task Join_Off_ParksAsSoonAsRunning_EvenWithANodeView()
    {
        var policy = Policy(poolSize: 3, okUnready: 100);
        policy.NodeGroups[0].WarmPool.JoinBeforePark = false;
        var h = await WarmPoolHarness.RecoveredAsync(policy, nodes: new FakeNodeHealthSource());

        await h.FillAsync();

        Assert.Equal(3, Assert.Single(h.CallsOf(CloudAction.StopInstances)).Count);
        Assert.Equal(0, h.Pool.Joined);
    }

    [Fact]
    public async Task Join_NodeNeverComes_ReleasedAfterTheJoinTimeout_AndReplaced()
    {
        var nodes = new FakeNodeHealthSource();
        var h = await WarmPoolHarness.RecoveredAsync(Policy(poolSize: 1, okUnready: 100), nodes: nodes,
            options: new WarmPoolOptions { JoinTimeout = TimeSpan.FromMinutes(2) });

        await h.RunUntilAsync(() => h.Pool.Warming == 1);
        var first = Assert.Single(h.WarmPools.WarmInstanceIds());
        await h.RunForAsync(TimeSpan.FromSeconds(110));
        Assert.Empty(h.CallsOf(CloudAction.DeleteInstances));

        await h.RunUntilAsync(() => h.CallsOf(CloudAction.DeleteInstances).Count == 1, TimeSpan.FromSeconds(30));
        await h.RunUntilAsync(() => h.Pool.Warming == 1 && !h.WarmPools.IsWarm(first));
        Assert.DoesNotContain(await h.InCloudAsync(), i => i.InstanceId == first);
        Assert.Equal(2, h.CallsOf(CloudAction.RunInstances).Count);
    }

    [Fact]
    public async Task Join_ViewOutOfDate_NewInstancesParkUnjoined_AndWaitingOnesAreNotTimedOut()
    {
        var nodes = new FakeNodeHealthSource();
        var h = await WarmPoolHarness.RecoveredAsync(Policy(poolSize: 1, okUnready: 100), nodes: nodes,
            options: new WarmPoolOptions { JoinTimeout = TimeSpan.FromMinutes(1) });
        await h.RunUntilAsync(() => h.Pool.Warming == 1);
        await h.RunForAsync(TimeSpan.FromSeconds(1));

        nodes.IsCurrent = false;
        await h.RunForAsync(TimeSpan.FromMinutes(3));
        Assert.Empty(h.CallsOf(CloudAction.DeleteInstances));
        Assert.Empty(h.CallsOf(CloudAction.StopInstances));

        // Blind, a pool that grows cannot count the cluster's Nodes: its new instance parks before it joins.
        h.Registry.Policy.NodeGroups[0].WarmPool.Size = 2;
        await h.RunUntilAsync(() => h.Pool.Stopping + h.Pool.Ready == 1);
        Assert.Equal(1, Assert.Single(h.CallsOf(CloudAction.StopInstances)).Count);
        Assert.Equal(1, h.Pool.Warming);
    }

    [Fact]
    public async Task Join_AfterARestart_ParkedNodesTheClusterStillHas_CountAgainstTheBudget()
    {
        var nodes = new FakeNodeHealthSource();
        var policy = Policy(poolSize: 2, okUnready: 4);
        var h = await WarmPoolHarness.RecoveredAsync(policy, nodes: nodes);
        await h.RunUntilAsync(() => h.Pool.Warming == 2);
        await h.RunForAsync(TimeSpan.FromSeconds(1));
        foreach (var id in h.WarmPools.WarmInstanceIds())
        {
            nodes.Set(id, NodeReadiness.Ready, h.Time.GetUtcNow(), cordoned: true);
        }

        await h.FillAsync();
        Assert.Equal(2, h.Pool.Joined);

        // A new provider over the same cloud and cluster, with a bigger pool: the budget (half of 4) is spent.
        policy.NodeGroups[0].WarmPool.Size = 3;
        var restarted = await WarmPoolHarness.RecoveredAsync(policy, h.Cloud, time: h.Time, nodes: nodes);
        var stopsBefore = h.CallsOf(CloudAction.StopInstances).Count;
        await restarted.RunUntilAsync(() => restarted.Pool.Ready == 3 && restarted.Pool.Filling == 3);

        Assert.Equal(stopsBefore + 1, restarted.CallsOf(CloudAction.StopInstances).Count);
    }

    private static ScalePolicy Policy(int poolSize, int okUnready = 3)
    {
        var policy = WarmPoolHarness.Policy(poolSize);
        policy.Provider.AutoscalerUnreadyTolerance.OkTotalUnreadyCount = okUnready;
        return policy;
    }
}
