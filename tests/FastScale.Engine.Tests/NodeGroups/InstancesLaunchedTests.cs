using FastScale.Engine.NodeGroups;
using FastScale.Testing.Cloud;

namespace FastScale.Engine.Tests.NodeGroups;

/// <summary>The registry's launch event, which times node readiness: every accepted instance once, nothing else.</summary>
public sealed class InstancesLaunchedTests
{
    [Fact]
    public async Task Reconcile_AcceptedLaunches_RaiseInstancesLaunchedOncePerInstance()
    {
        var h = await EngineHarness.RecoveredAsync(TestPolicies.OneGroup());
        var launched = new List<(string Group, string Instance)>();
        h.Registry.InstancesLaunched += (group, ids) => launched.AddRange(ids.Select(id => (group.Id, id)));
        h.Engine.IncreaseSize("g1", 150);

        await h.ReconcileAsync();
        await h.ReconcileAsync();

        Assert.Equal(150, launched.Count);
        Assert.All(launched, l => Assert.Equal("g1", l.Group));
        Assert.Equal(h.Instances().Select(i => i.InstanceId).Order(), launched.Select(l => l.Instance).Order());
    }

    [Fact]
    public async Task Reconcile_FailedCreations_AreNotLaunches()
    {
        var options = new InMemoryCloudOptions();
        options.OutOfStock.Add("ecs.g7.large@cn-hangzhou-h");
        options.OutOfStock.Add("ecs.g7.large@cn-hangzhou-i");
        var h = await EngineHarness.RecoveredAsync(TestPolicies.OneGroup(), options: options);
        var launched = 0;
        h.Registry.InstancesLaunched += (_, ids) => launched += ids.Count;
        h.Engine.IncreaseSize("g1", 3);

        await h.ReconcileAsync();

        Assert.Equal(3, h.Instances().Count(i => i.IsFailedCreation));
        Assert.Equal(0, launched);
    }

    [Fact]
    public async Task Recover_AdoptedInstances_AreNotLaunches()
    {
        var first = await EngineHarness.RecoveredAsync(TestPolicies.OneGroup());
        first.Engine.IncreaseSize("g1", 4);
        await first.ReconcileAsync();

        var restarted = new EngineHarness(TestPolicies.OneGroup(), first.Cloud, time: first.Time);
        var launched = 0;
        restarted.Registry.InstancesLaunched += (_, ids) => launched += ids.Count;
        await restarted.Reconciler.RecoverAsync(CancellationToken.None);

        Assert.Equal(4, restarted.Instances().Count);
        Assert.Equal(0, launched);
    }
}
