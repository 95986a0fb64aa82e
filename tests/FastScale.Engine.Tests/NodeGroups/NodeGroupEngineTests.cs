using FastScale.Engine.NodeGroups;

namespace FastScale.Engine.Tests.NodeGroups;

public sealed class NodeGroupEngineTests
{
    [Fact]
    public async Task IncreaseSize_RaisesTargetWithoutTouchingTheCloud()
    {
        var h = await EngineHarness.RecoveredAsync(TestPolicies.OneGroup());

        Assert.Null(h.Engine.IncreaseSize("g1", 1000));

        Assert.Equal(1000, h.Engine.TargetSize("g1").Value);
        Assert.Equal(0, h.Cloud.LaunchCalls);
    }

    [Fact]
    public async Task IncreaseSize_BeyondMax_IsRejectedAndTargetUnchanged()
    {
        var h = await EngineHarness.RecoveredAsync(TestPolicies.OneGroup(maxSize: 10));
        Assert.Null(h.Engine.IncreaseSize("g1", 4));

        var error = h.Engine.IncreaseSize("g1", 7);

        Assert.Equal(EngineErrorKind.FailedPrecondition, error?.Kind);
        Assert.Contains("max size 10", error!.Message);
        Assert.Equal(4, h.Engine.TargetSize("g1").Value);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public async Task IncreaseSize_NonPositiveDelta_IsInvalidArgument(int delta)
    {
        var h = await EngineHarness.RecoveredAsync(TestPolicies.OneGroup());

        Assert.Equal(EngineErrorKind.InvalidArgument, h.Engine.IncreaseSize("g1", delta)?.Kind);
        Assert.Equal(0, h.Engine.TargetSize("g1").Value);
    }

    [Fact]
    public async Task UnknownGroup_IsNotFoundForEveryCall()
    {
        var h = await EngineHarness.RecoveredAsync(TestPolicies.OneGroup());

        Assert.Equal(EngineErrorKind.NotFound, h.Engine.IncreaseSize("nope", 1)?.Kind);
        Assert.Equal(EngineErrorKind.NotFound, h.Engine.DecreaseTargetSize("nope", -1)?.Kind);
        Assert.Equal(EngineErrorKind.NotFound, h.Engine.DeleteNodes("nope", [])?.Kind);
        Assert.Equal(EngineErrorKind.NotFound, h.Engine.TargetSize("nope").Error?.Kind);
        Assert.Equal(EngineErrorKind.NotFound, h.Engine.Nodes("nope").Error?.Kind);
    }

    [Fact]
    public void BeforeRecovery_SizeCallsAreUnavailable()
    {
        var h = new EngineHarness(TestPolicies.OneGroup());

        Assert.Equal(EngineErrorKind.Unavailable, h.Engine.TargetSize("g1").Error?.Kind);
        Assert.Equal(EngineErrorKind.Unavailable, h.Engine.IncreaseSize("g1", 1)?.Kind);
        Assert.Equal(EngineErrorKind.Unavailable, h.Engine.ForNode(new NodeRef("cn-hangzhou.i-1", "n")).Error?.Kind);
    }

    [Fact]
    public async Task DecreaseTargetSize_OnlyForgetsUnfulfilledRequests()
    {
        var h = await EngineHarness.RecoveredAsync(TestPolicies.OneGroup());
        h.Engine.IncreaseSize("g1", 3);
        await h.ReconcileAsync();
        h.Engine.IncreaseSize("g1", 2);

        Assert.Equal(EngineErrorKind.FailedPrecondition, h.Engine.DecreaseTargetSize("g1", -3)?.Kind);
        Assert.Equal(5, h.Engine.TargetSize("g1").Value);
        Assert.Null(h.Engine.DecreaseTargetSize("g1", -2));
        Assert.Equal(3, h.Engine.TargetSize("g1").Value);
        Assert.Equal(EngineErrorKind.InvalidArgument, h.Engine.DecreaseTargetSize("g1", 1)?.Kind);
    }

    [Fact]
    public async Task ForNode_AcceptsEveryProviderIdForm_AndIgnoresForeignNodes()
    {
        var h = await EngineHarness.RecoveredAsync(TestPolicies.OneGroup());
        h.Engine.IncreaseSize("g1", 1);
        await h.ReconcileAsync();
        var instance = Assert.Single(h.Instances());

        Assert.Equal($"cn-hangzhou.{instance.InstanceId}", instance.Id);
        Assert.Equal("g1", h.Engine.ForNode(new NodeRef(instance.Id, "node-a")).Value?.Id);
        Assert.Equal("g1", h.Engine.ForNode(new NodeRef("alicloud://" + instance.Id, "node-a")).Value?.Id);
        Assert.Equal("g1", h.Engine.ForNode(new NodeRef(instance.InstanceId, instance.InstanceId)).Value?.Id);
        Assert.Null(h.Engine.ForNode(new NodeRef("cn-beijing." + instance.InstanceId, "x")).Value);
        Assert.Null(h.Engine.ForNode(new NodeRef("aws:///us-east-1a/i-123", "ip-10-0-0-1")).Value);
        Assert.Null(h.Engine.ForNode(new NodeRef(null, null)).Value);
    }

    [Fact]
    public async Task Nodes_AndForNode_OnAClusterWithAlicloudSchemeProviderIds_NameTheSameInstances()
    {
        var h = await EngineHarness.RecoveredAsync(TestPolicies.OneGroup());
        h.Engine.IncreaseSize("g1", 3);
        await h.ReconcileAsync();

        // Each node as such a cluster registers it, and each as the autoscaler names it before it registers.
        var instances = h.Engine.Nodes("g1").Value!;
        Assert.Equal(3, instances.Count);
        foreach (var instance in instances)
        {
            var node = new NodeRef($"alicloud://cn-hangzhou.{instance.InstanceId}", "node-" + instance.InstanceId);
            Assert.Equal("g1", h.Engine.ForNode(node).Value?.Id);
            Assert.Equal(ProviderIds.InstanceIdOf(node.ProviderId!), ProviderIds.InstanceIdOf(instance.Id));
            Assert.Equal("g1", h.Engine.ForNode(new NodeRef(instance.Id, instance.Id)).Value?.Id);
        }

        // A node of the group found by its alicloud:// providerID is one the group can also delete.
        var first = instances[0];
        Assert.Null(h.Engine.DeleteNodes("g1", [new NodeRef($"alicloud://cn-hangzhou.{first.InstanceId}", "node-a")]));
        Assert.Equal(InstanceState.Deleting, h.Engine.Nodes("g1").Value!.Single(i => i.InstanceId == first.InstanceId).State);
    }

    [Fact]
    public async Task DeleteNodes_WithAForeignNode_DeletesNothing()
    {
        var h = await EngineHarness.RecoveredAsync(TestPolicies.OneGroup());
        h.Engine.IncreaseSize("g1", 2);
        await h.ReconcileAsync();
        var mine = h.Instances()[0];

        var error = h.Engine.DeleteNodes("g1", [new NodeRef(mine.Id, "a"), new NodeRef("cn-hangzhou.i-foreign", "b")]);

        Assert.Equal(EngineErrorKind.FailedPrecondition, error?.Kind);
        Assert.Contains("i-foreign", error!.Message);
        Assert.Equal(2, h.Engine.TargetSize("g1").Value);
        Assert.All(h.Instances(), i => Assert.NotEqual(InstanceState.Deleting, i.State));
    }

    [Fact]
    public async Task DeleteNodes_ShrinksTarget_AndTheInstanceIsReleasedFromTheCloud()
    {
        var h = await EngineHarness.RecoveredAsync(TestPolicies.OneGroup());
        h.Engine.IncreaseSize("g1", 2);
        await h.ReconcileAsync();
        var doomed = h.Instances()[0];

        Assert.Null(h.Engine.DeleteNodes("g1", [new NodeRef(doomed.Id, "node-x")]));
        Assert.Equal(1, h.Engine.TargetSize("g1").Value);
        Assert.Equal(InstanceState.Deleting, h.Instances().Single(i => i.InstanceId == doomed.InstanceId).State);

        await h.ReconcileAsync();

        Assert.Equal(1, h.Cloud.InstanceCount);
        Assert.DoesNotContain(h.Instances(), i => i.InstanceId == doomed.InstanceId);
        Assert.Null(h.Engine.ForNode(new NodeRef(doomed.Id, "node-x")).Value);
    }
}
