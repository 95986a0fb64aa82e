using FastScale.Engine.NodeGroups;
using FastScale.Testing.Cloud;

namespace FastScale.Engine.Tests.NodeGroups;

public sealed class NodeGroupReconcilerTests
{
    [Fact]
    public async Task Reconcile_LaunchesTheDeficitInBatchesOfAtMost100_AndNeverTwice()
    {
        var h = await EngineHarness.RecoveredAsync(TestPolicies.OneGroup());
        h.Engine.IncreaseSize("g1", 250);

        await h.ReconcileAsync();
        await h.ReconcileAsync();

        Assert.Equal(250, h.Cloud.InstanceCount);
        Assert.Equal(3, h.Cloud.LaunchCalls);
        Assert.Equal(250, h.Instances().Count);
    }

    [Fact]
    public async Task Instances_TurnRunning_OnlyAfterTheProvisionDelay()
    {
        var options = new InMemoryCloudOptions { ProvisionDelay = TimeSpan.FromSeconds(30) };
        var h = await EngineHarness.RecoveredAsync(TestPolicies.OneGroup(), options: options);
        h.Engine.IncreaseSize("g1", 5);

        await h.ReconcileAsync();
        Assert.All(h.Instances(), i => Assert.Equal(InstanceState.Creating, i.State));

        h.Time.Advance(TimeSpan.FromSeconds(31));
        await h.ReconcileAsync();
        Assert.All(h.Instances(), i => Assert.Equal(InstanceState.Running, i.State));
    }

    [Fact]
    public async Task StockOut_FallsBackToTheNextOfferingInPreferenceOrder()
    {
        var options = new InMemoryCloudOptions();
        options.OutOfStock.Add("ecs.g7.large@cn-hangzhou-h");
        options.OutOfStock.Add("ecs.g7.large@cn-hangzhou-i");
        var h = await EngineHarness.RecoveredAsync(TestPolicies.OneGroup(1000, 0, "ecs.g7.large", "ecs.g6.large"), options: options);
        h.Engine.IncreaseSize("g1", 10);

        await h.ReconcileAsync();

        Assert.Equal(10, h.Cloud.InstanceCount);
        Assert.All(h.Instances(), i => Assert.Null(i.Error));
        var listed = await h.Cloud.ListAllPagesAsync("test", CancellationToken.None);
        Assert.All(listed.Value!, i => Assert.Equal(("ecs.g6.large", "cn-hangzhou-h"), (i.InstanceType, i.ZoneId)));
    }

    [Fact]
    public async Task EveryOfferingOutOfStock_IsReportedAsOutOfResources_AndDeleteGivesTheSlotBack()
    {
        var options = new InMemoryCloudOptions();
        options.OutOfStock.Add("ecs.g7.large@cn-hangzhou-h");
        options.OutOfStock.Add("ecs.g7.large@cn-hangzhou-i");
        var h = await EngineHarness.RecoveredAsync(TestPolicies.OneGroup(), options: options);
        h.Engine.IncreaseSize("g1", 2);

        await h.ReconcileAsync();
        await h.ReconcileAsync();

        var failed = h.Instances();
        Assert.Equal(2, failed.Count);
        Assert.All(failed, i =>
        {
            Assert.Equal(InstanceState.Creating, i.State);
            Assert.Equal(InstanceErrorClass.OutOfResources, i.Error?.Class);
            Assert.Equal("OperationDenied.NoStock", i.Error?.Code);
        });
        Assert.Equal(0, h.Cloud.InstanceCount);

        // The autoscaler gives a failed instance up by naming it with name = providerID = the reported id.
        Assert.Equal("g1", h.Engine.ForNode(new NodeRef(failed[0].Id, failed[0].Id)).Value?.Id);
        Assert.Null(h.Engine.DeleteNodes("g1", [new NodeRef(failed[0].Id, failed[0].Id)]));
        Assert.Equal(1, h.Engine.TargetSize("g1").Value);
        Assert.Single(h.Instances());
    }

    [Fact]
    public async Task Recover_RebuildsGroupsFromTheCloud_SoARestartLaunchesNothingNew()
    {
        var first = await EngineHarness.RecoveredAsync(TestPolicies.OneGroup());
        first.Engine.IncreaseSize("g1", 7);
        await first.ReconcileAsync();

        var restarted = await EngineHarness.RecoveredAsync(TestPolicies.OneGroup(), first.Cloud, first.CloudOptions, first.Time);
        await restarted.ReconcileAsync();

        Assert.Equal(7, restarted.Engine.TargetSize("g1").Value);
        Assert.Equal(7, restarted.Instances().Count);
        Assert.Equal(7, first.Cloud.InstanceCount);
        Assert.Equal(1, first.Cloud.LaunchCalls);
    }

    [Fact]
    public async Task Recover_RaisesTheTargetToMinSize()
    {
        var h = await EngineHarness.RecoveredAsync(TestPolicies.OneGroup(maxSize: 10, minSize: 2));
        await h.ReconcileAsync();

        Assert.Equal(2, h.Engine.TargetSize("g1").Value);
        Assert.Equal(2, h.Cloud.InstanceCount);
    }
}
