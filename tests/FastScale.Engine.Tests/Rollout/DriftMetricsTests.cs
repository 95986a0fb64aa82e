using FastScale.Engine.NodeGroups;
using FastScale.Engine.Rollout;
using FastScale.Engine.Tests.WarmPool;

namespace FastScale.Engine.Tests.Rollout;

public sealed class DriftMetricsTests
{
    [Fact]
    public void AtStartUp_EveryGroupReportsZeroNodes_AndGroupsWithAPoolZeroWarm()
    {
        var policy = TestPolicies.OneGroup();
        policy.NodeGroups.Add(TestPolicies.Group("g2"));
        policy.NodeGroups[1].WarmPool.Size = 3;
        var harness = new WarmPoolHarness(policy);

        using var metrics = new DriftMetricsProbe(harness.Registry, harness.WarmPools);

        Assert.Equal(
            ["g1/nodes=0", "g2/nodes=0", "g2/warm=0"],
            metrics.All().Select(m => $"{m.Group}/{m.Pool}={m.Value}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task FailedSlotsAndInstancesBeingDeleted_AreNotCounted()
    {
        var policy = TestPolicies.OneGroup();
        var h = await NodeGroups.EngineHarness.RecoveredAsync(policy);
        h.Engine.IncreaseSize("g1", 3);
        await h.ReconcileAsync();
        var victim = h.Instances()[0];
        Assert.Null(h.Engine.DeleteNodes("g1", [new NodeRef(victim.Id, "n")]));
        policy.NodeGroups[0].ImageId = "m-new";

        using var metrics = new DriftMetricsProbe(h.Registry, pools: null);

        Assert.Equal(2, metrics.Drifted("g1", "nodes"));
    }
}
