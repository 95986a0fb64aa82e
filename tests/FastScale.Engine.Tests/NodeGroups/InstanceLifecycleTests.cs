using FastScale.Testing.Cloud;
using FastScale.Engine.NodeGroups;

namespace FastScale.Engine.Tests.NodeGroups;

/// <summary>The group's instance records: one lifecycle per slot, and the index by instance id derived from them.</summary>
public sealed class InstanceLifecycleTests
{
    [Fact]
    public async Task DeleteNodes_OfAFailedCreation_DropsItFromTheIndexToo()
    {
        var h = await EngineHarness.RecoveredAsync(TestPolicies.OneGroup(), options: new InMemoryCloudOptions { MaxInstances = 2 });
        h.Engine.IncreaseSize("g1", 3);
        await h.ReconcileAsync();
        var failed = Assert.Single(h.Instances(), i => i.IsFailedCreation);
        var asTheAutoscalerNamesIt = new NodeRef(failed.Id, failed.Id);
        Assert.Same(h.Registry.Find("g1"), h.Engine.ForNode(asTheAutoscalerNamesIt).Value);

        Assert.Null(h.Engine.DeleteNodes("g1", [asTheAutoscalerNamesIt]));

        Assert.DoesNotContain(h.Instances(), i => i.InstanceId == failed.InstanceId);
        Assert.Null(h.Engine.ForNode(asTheAutoscalerNamesIt).Value);
        Assert.All(h.Instances(), i => Assert.Same(h.Registry.Find("g1"), h.Engine.ForNode(new NodeRef(i.Id, i.Id)).Value));
    }

    [Fact]
    public async Task Launch_RecordsLaunchedWithItsBatch_ThenRunning_ThenTheNodesRegistrationAndReadiness()
    {
        var h = await EngineHarness.RecoveredAsync(TestPolicies.OneGroup(), options: new InMemoryCloudOptions { ProvisionDelay = TimeSpan.FromSeconds(3) });
        h.Engine.IncreaseSize("g1", 2);
        await h.ReconcileAsync();
        Assert.All(h.Instances(), i => Assert.Equal((InstanceLifecycle.Launched, InstanceState.Creating, h.Batches.Last("g1")), (i.Lifecycle, i.State, i.LaunchBatch)));

        h.Time.Advance(TimeSpan.FromSeconds(5));
        await h.ReconcileAsync();
        Assert.All(h.Instances(), i => Assert.Equal((InstanceLifecycle.Running, InstanceState.Running), (i.Lifecycle, i.State)));

        var (first, second) = (h.Instances()[0].InstanceId, h.Instances()[1].InstanceId);
        h.Registry.ObserveNode(Node(first), registered: true, ready: false);
        h.Registry.ObserveNode(Node(second), registered: true, ready: true);
        Assert.Equal(InstanceLifecycle.Registered, Lifecycle(h, first));
        Assert.Equal(InstanceLifecycle.Ready, Lifecycle(h, second));
        Assert.Equal(InstanceState.Running, h.Instances().Single(i => i.InstanceId == second).State);

        // A follower's refresh re-reads the cloud: a Running instance keeps what the cluster said of its Node.
        await h.Reconciler.ResyncAsync(CancellationToken.None);
        Assert.Equal(InstanceLifecycle.Ready, Lifecycle(h, second));
    }

    [Fact]
    public async Task NodeSeen_BeforeTheCloudSaysRunning_CountsAsRunningNotLaunched()
    {
        var h = await EngineHarness.RecoveredAsync(TestPolicies.OneGroup(), options: new InMemoryCloudOptions { ProvisionDelay = TimeSpan.FromMinutes(1) });
        h.Engine.IncreaseSize("g1", 1);
        await h.ReconcileAsync();
        var id = h.Instances()[0].InstanceId;

        h.Registry.ObserveNode(Node(id), registered: false, ready: false);
        Assert.Equal(InstanceLifecycle.Launched, Lifecycle(h, id));
        h.Registry.ObserveNode(Node(id), registered: true, ready: false);
        Assert.Equal(InstanceLifecycle.Registered, Lifecycle(h, id));
    }

    [Fact]
    public async Task NodeWithAnAlicloudSchemeProviderId_BecomesTheInstancesId_SoTheAutoscalerMatchesIt()
    {
        var h = await EngineHarness.RecoveredAsync(TestPolicies.OneGroup());
        h.Engine.IncreaseSize("g1", 1);
        await h.ReconcileAsync();
        var id = h.Instances()[0].InstanceId;
        Assert.Equal($"cn-hangzhou.{id}", h.Instances()[0].Id);
        var node = new NodeRef($"alicloud://cn-hangzhou.{id}", "node-a");

        h.Registry.ObserveNode(node, registered: true, ready: true);

        Assert.Equal(node.ProviderId, h.Instances()[0].Id);
        Assert.Same(h.Registry.Find("g1"), h.Engine.ForNode(node).Value);
        await h.Reconciler.ResyncAsync(CancellationToken.None);
        Assert.Equal(node.ProviderId, h.Instances()[0].Id);
        Assert.Null(h.Engine.DeleteNodes("g1", [node]));
        Assert.Equal(InstanceState.Deleting, h.Instances()[0].State);
    }

    [Fact]
    public async Task Index_AlwaysHoldsExactlyTheGroupsRecords_ThroughLaunchesFailuresDeletesAndResync()
    {
        var h = await EngineHarness.RecoveredAsync(new FastScale.Engine.Policy.ScalePolicy { ClusterId = "test", Region = "cn-hangzhou", NodeGroups = [TestPolicies.Group("g1"), TestPolicies.Group("g2")] }, options: new InMemoryCloudOptions { MaxInstances = 7 });
        var everRecorded = new HashSet<string>(StringComparer.Ordinal);
        void AssertDerived()
        {
            // Every record is found for its group, and every id once recorded and now gone is found for none.
            var now = h.Registry.Groups.SelectMany(g => g.Instances.Select(i => (Group: g, i.InstanceId))).ToList();
            everRecorded.UnionWith(now.Select(r => r.InstanceId));
            Assert.All(now, r => Assert.Same(r.Group, h.Engine.ForNode(new NodeRef(r.InstanceId, r.InstanceId)).Value));
            Assert.All(everRecorded.Except(now.Select(r => r.InstanceId)), id => Assert.Null(h.Engine.ForNode(new NodeRef(id, id)).Value));
        }

        h.Engine.IncreaseSize("g1", 5);
        h.Engine.IncreaseSize("g2", 4);
        await h.ReconcileAsync();
        AssertDerived();
        Assert.Equal(2, h.Registry.Groups.Sum(g => g.Instances.Count(i => i.IsFailedCreation)));

        var doomed = h.Instances("g1").Where(i => !i.IsFailedCreation).Take(2).Select(i => new NodeRef(i.Id, i.Id)).ToList();
        Assert.Null(h.Engine.DeleteNodes("g1", doomed));
        var placeholders = h.Registry.Groups.SelectMany(g => g.Instances.Where(i => i.IsFailedCreation).Select(i => (g.Id, i.Id))).ToList();
        foreach (var (group, placeholder) in placeholders)
        {
            Assert.Null(h.Engine.DeleteNodes(group, [new NodeRef(placeholder, placeholder)]));
        }

        await h.ReconcileAsync();
        AssertDerived();

        await h.Reconciler.ResyncAsync(CancellationToken.None);
        AssertDerived();
        Assert.Equal(5, h.Registry.Groups.Sum(g => g.Instances.Count));
    }

    private static NodeRef Node(string instanceId) => new($"cn-hangzhou.{instanceId}", $"node-{instanceId}");

    private static InstanceLifecycle Lifecycle(EngineHarness h, string instanceId) =>
        h.Instances().Single(i => i.InstanceId == instanceId).Lifecycle;
}
