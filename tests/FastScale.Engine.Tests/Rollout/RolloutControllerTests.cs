using FastScale.Engine.NodeGroups;
using FastScale.Engine.Policy;
using FastScale.Engine.Rollout;

namespace FastScale.Engine.Tests.Rollout;

public sealed class RolloutControllerTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(30);

    [Fact]
    public async Task ImageChange_ReplacesEveryNode_SurgeFirst_NeverBelowTheSize_NorAboveSizePlusSurge()
    {
        var harness = await RolloutHarness.ReadyAsync(10, r => r.MaxSurge = IntOrPercent.Count(2));
        var launchesBefore = harness.Created;

        harness.ChangeImage("m-new");
        await harness.RunAsync(Limit, h => h.OnImage("m-new") == 10 && h.Controller.StateOf("g1") == RolloutState.Idle && h.Target == 10);

        Assert.Equal(10, harness.OnImage("m-new"));
        Assert.Equal(0, harness.OnImage("m-test"));
        Assert.Equal(10, harness.Target);
        Assert.Equal(10, harness.Controller.ReplacedIn("g1"));
        Assert.Equal(10, harness.Metrics.Replaced("g1"));
        Assert.Equal(10, harness.Created - launchesBefore);
        Assert.True(harness.FewestAvailable >= 10, $"available fell to {harness.FewestAvailable}, below the group's size");
        Assert.True(harness.MostInstances <= 12, $"{harness.MostInstances} instances at once, above size + surge");
        Assert.True(harness.Drainer.MostAtOnce <= 2, $"{harness.Drainer.MostAtOnce} drains at once with a surge of 2");
        Assert.Equal(10, harness.Drainer.Drains.Select(d => d.InstanceId).Distinct().Count());
        Assert.Equal(0, harness.Repair.Metrics.Total);
        Assert.Contains(harness.Events.Events, e => e.Reason == "RolloutComplete");
        await harness.Repair.StopAsync();
        Assert.Equal(10, harness.Repair.Cloud.InstanceCount);
    }

    [Fact]
    public async Task AutoscalerTarget_CountsTheSurgeWhileItExists_AndComesBackToTheSize()
    {
        var harness = await RolloutHarness.ReadyAsync(10, r => r.MaxSurge = IntOrPercent.Count(3));
        harness.ChangeImage("m-new");
        await harness.RunAsync(TimeSpan.FromSeconds(3));

        Assert.Equal(13, harness.Target);
        Assert.Equal(13, harness.Instances.Count(i => i.State != InstanceState.Deleting));
        await harness.RunAsync(Limit, h => h.Controller.StateOf("g1") == RolloutState.Idle && h.Target == 10);
        Assert.Equal(10, harness.Target);
    }

    [Fact]
    public async Task MaxSurgeZero_DrainsFirst_WithinMaxUnavailable_ThenRelaunches()
    {
        var harness = await RolloutHarness.ReadyAsync(6, r => (r.MaxSurge, r.MaxUnavailable) = (IntOrPercent.Count(0), IntOrPercent.Count(2)));
        harness.ChangeImage("m-new");
        await harness.RunAsync(Limit, h => h.OnImage("m-new") == 6 && h.Controller.StateOf("g1") == RolloutState.Idle);

        Assert.Equal(6, harness.OnImage("m-new"));
        Assert.True(harness.MostInstances <= 6, $"{harness.MostInstances} instances with no surge allowed");
        Assert.True(harness.FewestAvailable >= 4, $"available fell to {harness.FewestAvailable}, below size - maxUnavailable");
        Assert.Equal(6, harness.Target);
    }

    [Fact]
    public async Task BrokenImage_HaltsAfterOneBatch_NoOldNodeDrained_TheSurgeGivenBack()
    {
        var harness = await RolloutHarness.ReadyAsync(10, r => r.MaxSurge = IntOrPercent.Count(2));
        harness.Repair.NeverBoots = i => i.Origin?.ImageId == "m-broken";
        var launchesBefore = harness.Created;

        harness.ChangeImage("m-broken");
        await harness.RunAsync(TimeSpan.FromMinutes(20));

        Assert.Equal(RolloutState.Halted, harness.Controller.StateOf("g1"));
        Assert.Contains("registration timeout", harness.Controller.HaltReasonOf("g1"));
        Assert.Equal(2, harness.Created - launchesBefore);
        Assert.Empty(harness.Drainer.Drains);
        Assert.Equal(0, harness.Repair.Metrics.Total);
        Assert.Equal(10, harness.Target);
        Assert.Equal(10, harness.OnImage("m-test"));
        Assert.Contains(harness.Events.Events, e => e.Reason == "RolloutHalted" && e.Warning);
        await harness.Repair.StopAsync();
        Assert.Equal(10, harness.Repair.Cloud.InstanceCount);
    }

    [Fact]
    public async Task Halted_ResumesWhenThePolicyChanges_AFixedImageRollsThrough()
    {
        var harness = await RolloutHarness.ReadyAsync(4, r => r.MaxSurge = IntOrPercent.Count(2));
        harness.Repair.NeverBoots = i => i.Origin?.ImageId == "m-broken";
        harness.ChangeImage("m-broken");
        await harness.RunAsync(TimeSpan.FromMinutes(10), h => h.Controller.StateOf("g1") == RolloutState.Halted);
        Assert.Equal(RolloutState.Halted, harness.Controller.StateOf("g1"));

        harness.ChangeImage("m-fixed");
        await harness.RunAsync(Limit, h => h.OnImage("m-fixed") == 4 && h.Controller.StateOf("g1") == RolloutState.Idle);

        Assert.Equal(4, harness.OnImage("m-fixed"));
        Assert.Null(harness.Controller.HaltReasonOf("g1"));
        Assert.Equal(4, harness.Target);
    }

    [Fact]
    public async Task Rollback_ToTheOldImage_EndsTheRollout_KeepsTheOldNodes_OpensADrainingOne()
    {
        var harness = await RolloutHarness.ReadyAsync(4, r => r.MaxSurge = IntOrPercent.Count(1));
        harness.Drainer.DrainTime = TimeSpan.FromMinutes(1);
        harness.ChangeImage("m-new");
        await harness.RunAsync(Limit, h => h.Instances.Any(i => i.Rollout == RolloutStep.Draining));
        var draining = harness.Instances.Single(i => i.Rollout == RolloutStep.Draining).InstanceId;

        harness.ChangeImage("m-test");
        await harness.RunAsync(Limit, h => h.Controller.StateOf("g1") == RolloutState.Idle && h.Target == 4 && h.Instances.All(i => i.Rollout == RolloutStep.None));

        Assert.Contains(draining, harness.Drainer.Released);
        Assert.Contains(harness.Instances, i => i.InstanceId == draining);
        Assert.Equal(0, harness.OnImage("m-new"));
        Assert.Equal(4, harness.OnImage("m-test"));
        Assert.Equal(4, harness.Target);
    }

    [Fact]
    public async Task Paused_OrOutsideTheWindow_NothingLaunchedNorDrained_UnpausedItRolls()
    {
        var harness = await RolloutHarness.ReadyAsync(4, r => r.Paused = true);
        var launchesBefore = harness.Created;
        harness.ChangeImage("m-new");
        await harness.RunAsync(TimeSpan.FromMinutes(5));

        Assert.Equal(RolloutState.Paused, harness.Controller.StateOf("g1"));
        Assert.Equal(launchesBefore, harness.Created);
        Assert.Empty(harness.Drainer.Drains);

        var start = harness.Repair.Now.TimeOfDay < TimeSpan.FromHours(12) ? TimeSpan.FromHours(13) : TimeSpan.FromHours(1);
        var closed = new RolloutWindow { Start = start, End = start + TimeSpan.FromHours(1) };
        harness.Reload(g => (g.Rollout.Paused, g.Rollout.Window) = (false, closed));
        await harness.RunAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(RolloutState.OutsideWindow, harness.Controller.StateOf("g1"));
        Assert.Equal(launchesBefore, harness.Created);

        harness.Reload(g => g.Rollout.Window = null);
        await harness.RunAsync(Limit, h => h.OnImage("m-new") == 4 && h.Controller.StateOf("g1") == RolloutState.Idle);
        Assert.Equal(4, harness.OnImage("m-new"));
    }

    [Fact]
    public async Task DrainTimedOut_WithWait_NodeStaysDrainingAndIsDrainedAgain_ForceReplacesIt()
    {
        var harness = await RolloutHarness.ReadyAsync(2, r => r.MaxSurge = IntOrPercent.Count(1));
        var first = true;
        harness.Drainer.ResultFor = _ =>
        {
            var result = first ? DrainResult.TimedOut : DrainResult.Drained;
            first = false;
            return result;
        };
        harness.ChangeImage("m-new");
        await harness.RunAsync(Limit, h => h.OnImage("m-new") == 2 && h.Controller.StateOf("g1") == RolloutState.Idle);

        var again = harness.Drainer.Drains.GroupBy(d => d.InstanceId).Single(g => g.Count() == 2);
        Assert.NotNull(again);
        Assert.Contains(harness.Events.Events, e => e.Reason == "DrainTimedOut" && e.Warning);
        Assert.Equal(2, harness.OnImage("m-new"));
    }

    [Fact]
    public async Task ScaleOut_DuringARollout_GetsNewTemplateNodes_AndTheRolloutEndsAtTheNewSize()
    {
        var harness = await RolloutHarness.ReadyAsync(8, r => r.MaxSurge = IntOrPercent.Count(2));
        harness.ChangeImage("m-new");
        await harness.RunAsync(TimeSpan.FromSeconds(5));
        Assert.Null(harness.Repair.Engine.Engine.IncreaseSize("g1", 5));
        await harness.RunAsync(Limit, h => h.OnImage("m-new") == 13 && h.Controller.StateOf("g1") == RolloutState.Idle && h.Target == 13);

        Assert.Equal(13, harness.OnImage("m-new"));
        Assert.Equal(13, harness.Target);
        Assert.Equal(8, harness.Controller.ReplacedIn("g1"));
    }

    [Fact]
    public async Task ScaleOut_DuringARollout_NoDrainStartsWhileItsNodesAreOnTheirWay()
    {
        // A scale-out of one with maxUnavailable 1: once the surge is Ready the group has room to drain at once.
        var harness = await RolloutHarness.ReadyAsync(8, r => (r.MaxSurge, r.MaxUnavailable) = (IntOrPercent.Count(2), IntOrPercent.Count(1)));
        var before = harness.Instances.Select(i => i.InstanceId).ToHashSet(StringComparer.Ordinal);
        var scaleOutSlow = true;
        // The scale-out's nodes take a minute longer than the surge's to come up (a slower zone, a bigger type).
        harness.Repair.NeverBoots = i => scaleOutSlow && i.Rollout == RolloutStep.None && !before.Contains(i.InstanceId);
        harness.ChangeImage("m-new");
        await harness.RunAsync(Limit, h => h.Instances.Count(i => i.Rollout == RolloutStep.Surge) == 2);
        before.UnionWith(harness.Instances.Select(i => i.InstanceId));
        Assert.Null(harness.Repair.Engine.Engine.IncreaseSize("g1", 1));
        var drainsBefore = harness.Drainer.Drains.Count;

        // The surge comes Ready within this minute: without the scale-out more drains would start.
        await harness.RunAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(2, harness.Instances.Count(i => before.Contains(i.InstanceId) && i.Origin?.ImageId == "m-new" && harness.Repair.Nodes.Find(i.InstanceId) is { IsReady: true }));
        Assert.Equal(drainsBefore, harness.Drainer.Drains.Count);

        scaleOutSlow = false;
        await harness.RunAsync(Limit, h => h.OnImage("m-new") == 9 && h.Controller.StateOf("g1") == RolloutState.Idle && h.Target == 9);
        Assert.Equal(8, harness.Controller.ReplacedIn("g1"));
        Assert.Equal(9, harness.OnImage("m-new"));
    }
}
