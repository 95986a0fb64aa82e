using FastScale.Engine.Cloud;
using FastScale.Testing.Cloud;
using FastScale.Engine.NodeGroups;
using FastScale.Engine.Repair;

namespace FastScale.Engine.Tests.Repair;

public sealed class RepairerTests
{
    private const int Replacing = 1501;
    private const int BrakeEngaged = 1502;
    private const int BrakeReleased = 1503;

    [Fact]
    public async Task NeverRegistered_IsReplacedAfterTheRegistrationTimeout_AndTheTargetIsUnchanged()
    {
        var h = await RepairHarness.StartAsync(RepairHarness.Policy(), 5);
        var broken = await BreakAsync(h, 1);

        await h.RunAsync(TimeSpan.FromMinutes(4.5));
        Assert.Contains(h.Instances(), i => i.InstanceId == broken[0]);
        Assert.Equal(0, h.Cloud.DeleteCalls);

        await h.RunUntilAllReadyAsync(TimeSpan.FromMinutes(2));

        Assert.DoesNotContain(h.Instances(), i => i.InstanceId == broken[0]);
        Assert.Equal(5, h.Engine.Engine.TargetSize("g1").Value);
        Assert.Equal(5, h.Cloud.InstanceCount);
        Assert.Equal(1, h.Metrics.Count("g1", RepairReason.NeverReady));
        var line = Assert.Single(h.Log.WithId(Replacing));
        Assert.Contains(broken[0], line, StringComparison.Ordinal);
        Assert.Contains("never_ready", line, StringComparison.Ordinal);
        await h.StopAsync();
    }

    [Fact]
    public async Task Replacement_TheCloudCannotCreate_IsAFailedSlotWithErrorInfo_AndTheTargetIsUnchanged()
    {
        var stock = new InMemoryCloudOptions();
        var h = await RepairHarness.StartAsync(RepairHarness.Policy(), 3, stock);
        var broken = await BreakAsync(h, 1);
        await h.RunAsync(TimeSpan.FromMinutes(1));
        stock.OutOfStock.UnionWith(["ecs.g7.large@cn-hangzhou-h", "ecs.g7.large@cn-hangzhou-i"]);

        await h.RunAsync(TimeSpan.FromMinutes(5));

        Assert.DoesNotContain(h.Instances(), i => i.InstanceId == broken[0]);
        var failed = Assert.Single(h.Instances(), i => i.IsFailedCreation);
        Assert.Equal((InstanceErrorClass.OutOfResources, InstanceState.Creating), (failed.Error!.Class, failed.State));
        Assert.Equal(3, h.Engine.Engine.TargetSize("g1").Value);
        Assert.Equal(2, h.Cloud.InstanceCount);
        await h.StopAsync();
    }

    [Fact]
    public async Task NotReadyPastItsToleration_IsReplaced()
    {
        var h = await RepairHarness.StartAsync(RepairHarness.Policy(), 3);
        await h.RunUntilAllReadyAsync(TimeSpan.FromMinutes(1));
        await h.RunAsync(TimeSpan.FromMinutes(3));
        var sick = h.Instances()[0].InstanceId;
        h.Nodes.Set(sick, NodeReadiness.NotReady, h.Now);

        await h.RunAsync(TimeSpan.FromMinutes(1.5));
        Assert.Contains(h.Instances(), i => i.InstanceId == sick);

        await h.RunUntilAllReadyAsync(TimeSpan.FromMinutes(1));
        Assert.DoesNotContain(h.Instances(), i => i.InstanceId == sick);
        Assert.Equal(3, h.Engine.Engine.TargetSize("g1").Value);
        Assert.Equal(3, h.Cloud.InstanceCount);
        Assert.Equal(1, h.Metrics.Count("g1", RepairReason.NotReady));
        Assert.Equal(1, h.Metrics.Total);
        await h.StopAsync();
    }

    [Fact]
    public async Task NodeUnknownWithoutATransitionTime_IsTimedFromWhenRepairSawIt()
    {
        var h = await RepairHarness.StartAsync(RepairHarness.Policy(), 3);
        await h.RunUntilAllReadyAsync(TimeSpan.FromMinutes(1));
        await h.RunAsync(TimeSpan.FromMinutes(3));
        var sick = h.Instances()[0].InstanceId;
        h.Nodes.Set(sick, NodeReadiness.Unknown, since: null);

        await h.RunAsync(TimeSpan.FromMinutes(1.9));
        Assert.Equal(0, h.Metrics.Total);

        await h.RunAsync(TimeSpan.FromMinutes(0.5));
        Assert.Equal(1, h.Metrics.Count("g1", RepairReason.NotReady));
        await h.StopAsync();
    }

    [Fact]
    public async Task NotReadyBriefly_IsNotReplaced()
    {
        var h = await RepairHarness.StartAsync(RepairHarness.Policy(), 3);
        await h.RunUntilAllReadyAsync(TimeSpan.FromMinutes(1));
        await h.RunAsync(TimeSpan.FromMinutes(3));
        var flapping = h.Instances()[0].InstanceId;
        h.Nodes.Set(flapping, NodeReadiness.NotReady, h.Now);

        await h.RunAsync(TimeSpan.FromMinutes(1.5));
        h.Nodes.SetReady(flapping, h.Now);
        await h.RunAsync(TimeSpan.FromMinutes(10));

        Assert.Contains(h.Instances(), i => i.InstanceId == flapping);
        Assert.Equal(0, h.Metrics.Total);
        Assert.Equal(0, h.Cloud.DeleteCalls);
        Assert.Empty(h.Log.WithId(Replacing));
        await h.StopAsync();
    }

    [Theory]
    [InlineData(RepairReason.Stopped)]
    [InlineData(RepairReason.Released)]
    public async Task InstanceStoppedOrReleasedBehindOurBack_IsReplaced(RepairReason how)
    {
        var h = await RepairHarness.StartAsync(RepairHarness.Policy(), 3);
        await h.RunUntilAllReadyAsync(TimeSpan.FromMinutes(1));
        await h.RunAsync(TimeSpan.FromMinutes(3));
        var victim = h.Instances()[1].InstanceId;
        if (how == RepairReason.Stopped)
        {
            await h.Cloud.StopInstancesAsync([victim], economical: false, CancellationToken.None);
        }
        else
        {
            await h.Cloud.DeleteInstancesAsync([victim], CancellationToken.None);
        }

        // The node still looks Ready: only the cloud check can tell.
        await h.RunAsync(TimeSpan.FromSeconds(45));

        Assert.DoesNotContain(h.Instances(), i => i.InstanceId == victim);
        Assert.Equal(1, h.Metrics.Count("g1", how));
        await h.RunUntilAllReadyAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(3, h.Engine.Engine.TargetSize("g1").Value);
        Assert.Equal(3, h.Cloud.InstanceCount);
        var listed = await h.Cloud.ListAllPagesAsync("test", CancellationToken.None);
        Assert.DoesNotContain(listed.Value!, i => i.InstanceId == victim);
        await h.StopAsync();
    }

    [Fact]
    public async Task FivePercentNeverBoot_AreAllReplaced_WithoutTheBrake()
    {
        var h = await RepairHarness.StartAsync(RepairHarness.Policy(), 40);
        var broken = await BreakAsync(h, 2);

        await h.RunUntilAllReadyAsync(TimeSpan.FromMinutes(7));

        Assert.All(broken, id => Assert.DoesNotContain(h.Instances(), i => i.InstanceId == id));
        Assert.Equal(2, h.Metrics.Count("g1", RepairReason.NeverReady));
        Assert.Equal(40, h.Cloud.InstanceCount);
        Assert.Equal(40, h.Engine.Engine.TargetSize("g1").Value);
        Assert.Empty(h.Log.WithId(BrakeEngaged));
        Assert.False(h.Repairer.IsBraked("g1"));
        await h.StopAsync();
    }

    [Fact]
    public async Task FortyPercentFailing_EngagesTheBrakeOnce_AndReleasesItWhenHealthReturns()
    {
        var h = await RepairHarness.StartAsync(RepairHarness.Policy(), 10);
        var broken = await BreakAsync(h, 4);

        await h.RunAsync(TimeSpan.FromMinutes(10));

        Assert.True(h.Repairer.IsBraked("g1"));
        Assert.InRange(h.Metrics.Total, 0, 2);
        Assert.Equal(10, h.Cloud.InstanceCount);
        var engaged = Assert.Single(h.Log.WithId(BrakeEngaged));
        Assert.Contains("4 of 10", engaged, StringComparison.Ordinal);
        Assert.Empty(h.Log.WithId(BrakeReleased));

        // Three of them were only slow: their nodes register, and the one left is within the share again.
        foreach (var id in broken.Take(3))
        {
            h.NeverBoot.Remove(id);
        }

        await h.RunUntilAllReadyAsync(TimeSpan.FromMinutes(1));

        Assert.False(h.Repairer.IsBraked("g1"));
        Assert.Single(h.Log.WithId(BrakeEngaged));
        Assert.Single(h.Log.WithId(BrakeReleased));
        Assert.Equal(1, h.Metrics.Total);
        Assert.DoesNotContain(h.Instances(), i => i.InstanceId == broken[3]);
        Assert.Equal(10, h.Cloud.InstanceCount);
        await h.StopAsync();
    }

    [Fact]
    public async Task EveryNodeUnknownAtOnce_ReplacesNothing()
    {
        var h = await RepairHarness.StartAsync(RepairHarness.Policy(), 10);
        await h.RunUntilAllReadyAsync(TimeSpan.FromMinutes(1));
        await h.RunAsync(TimeSpan.FromMinutes(3));
        foreach (var instance in h.Instances())
        {
            h.Nodes.Set(instance.InstanceId, NodeReadiness.Unknown, h.Now);
        }

        await h.RunAsync(TimeSpan.FromMinutes(15));

        Assert.True(h.Repairer.IsBraked("g1"));
        Assert.Equal(0, h.Metrics.Total);
        Assert.Equal(0, h.Cloud.DeleteCalls);
        Assert.Single(h.Log.WithId(BrakeEngaged));
        await h.StopAsync();
    }

    [Fact]
    public async Task DisabledPolicy_DoesNothing()
    {
        var h = await RepairHarness.StartAsync(RepairHarness.Policy(r => r.Enabled = false), 5);
        var broken = await BreakAsync(h, 1);
        var describesAtStart = h.Cloud.Calls.Count(c => c.Action == CloudAction.DescribeInstances);

        await h.RunAsync(TimeSpan.FromMinutes(15));

        Assert.Contains(h.Instances(), i => i.InstanceId == broken[0]);
        Assert.Equal(0, h.Metrics.Total);
        Assert.Equal(0, h.Cloud.DeleteCalls);
        Assert.Equal(1, h.Cloud.LaunchCalls);
        // The status poller stops once all run; no repair cloud check ever reads them again.
        Assert.InRange(h.Cloud.Calls.Count(c => c.Action == CloudAction.DescribeInstances) - describesAtStart, 0, 3);
        await h.StopAsync();
    }

    [Fact]
    public async Task BeforeTheNodeListHasSynced_NothingIsJudged()
    {
        var h = await RepairHarness.StartAsync(RepairHarness.Policy(), 5);
        h.Nodes.HasSynced = false;
        var broken = await BreakAsync(h, 1);

        await h.RunAsync(TimeSpan.FromMinutes(15));

        Assert.Contains(h.Instances(), i => i.InstanceId == broken[0]);
        Assert.Equal(0, h.Metrics.Total);
        Assert.Equal(0, h.Cloud.DeleteCalls);
        await h.StopAsync();
    }

    [Fact]
    public async Task WhileTheNodeViewIsNotCurrent_NothingIsJudged_AndTheBlindTimeDoesNotCountAgainstTheDeadline()
    {
        var h = await RepairHarness.StartAsync(RepairHarness.Policy(), 5);
        var broken = await BreakAsync(h, 1);
        await h.RunAsync(TimeSpan.FromMinutes(1));
        h.Nodes.IsCurrent = false;

        // Far past the registration timeout, on a view that has stopped following the cluster.
        await h.RunAsync(TimeSpan.FromMinutes(15));
        Assert.Contains(h.Instances(), i => i.InstanceId == broken[0]);
        Assert.Equal(0, h.Metrics.Total);
        Assert.Equal(0, h.Cloud.DeleteCalls);
        Assert.True(h.Repairer.BlindPasses > 0);

        // Back: the deadline counts from now, not from the launch 16 minutes ago.
        h.Nodes.IsCurrent = true;
        await h.RunAsync(TimeSpan.FromMinutes(4.5));
        Assert.Equal(0, h.Metrics.Total);

        await h.RunUntilAllReadyAsync(TimeSpan.FromMinutes(2));
        Assert.DoesNotContain(h.Instances(), i => i.InstanceId == broken[0]);
        Assert.Equal(1, h.Metrics.Count("g1", RepairReason.NeverReady));
        await h.StopAsync();
    }

    [Fact]
    public async Task WarmInstances_AreNeverReplaced()
    {
        var h = await RepairHarness.StartAsync(RepairHarness.Policy(), 5);
        var broken = await BreakAsync(h, 1);
        h.Warm.Warm.Add(broken[0]);

        await h.RunAsync(TimeSpan.FromMinutes(15));

        Assert.Contains(h.Instances(), i => i.InstanceId == broken[0]);
        Assert.Equal(0, h.Metrics.Total);
        await h.StopAsync();
    }

    /// <summary>Waits for the group's instances to exist, then picks <paramref name="count"/> whose nodes will never register.</summary>
    private static async Task<IReadOnlyList<string>> BreakAsync(RepairHarness h, int count)
    {
        while (h.Instances().Count < h.Engine.Engine.TargetSize("g1").Value)
        {
            await h.RunAsync(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
        }

        var broken = h.Instances().Select(i => i.InstanceId).Order(StringComparer.Ordinal).Take(count).ToList();
        Assert.All(broken, id => Assert.False(h.Nodes.HasNode(id)));
        h.NeverBoot.UnionWith(broken);
        return broken;
    }
}
