using FastScale.Simulation.Ecs.Instances;
using FastScale.Simulation.LatencyModel;

namespace FastScale.Simulation.Tests.Ecs.Actions;

/// <summary>The state machine, driven only by a fake clock (TestProfiles.Fixed: cold 10 s, start 5 s, stop 4 s).</summary>
public sealed class InstanceLifecycleTests
{
    [Fact]
    public void RunInstances_ClockAdvances_PendingThenStartingThenRunning()
    {
        var harness = new EmulatorHarness();
        var id = harness.Run(1).Single();

        Assert.Equal(InstanceStatus.Pending, harness.StatusOf(id));
        harness.Time.Advance(TimeSpan.FromSeconds(8));
        Assert.Equal(InstanceStatus.Starting, harness.StatusOf(id));
        harness.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(InstanceStatus.Running, harness.StatusOf(id));
    }

    [Fact]
    public void RunInstances_BurstBeyondRegionalThroughput_Queues()
    {
        var harness = new EmulatorHarness();
        var ids = harness.Run(100).Concat(harness.Run(100)).ToList();

        harness.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(InstanceStatus.Running, harness.StatusOf(ids[0]));
        Assert.Equal(InstanceStatus.Starting, harness.StatusOf(ids[^1]));
        harness.Time.Advance(TimeSpan.FromSeconds(2)); // the 200th starts provisioning at 1.99 s (100 a second)
        Assert.All(ids, id => Assert.Equal(InstanceStatus.Running, harness.StatusOf(id)));
    }

    [Fact]
    public void StopInstances_StopCharging_StoppingThenStoppedAndStartedAgain()
    {
        var harness = new EmulatorHarness();
        var id = harness.Run(1).Single();
        harness.Time.Advance(TimeSpan.FromSeconds(10));

        var (status, body) = harness.Call("StopInstances", [("InstanceId.1", id), ("StoppedMode", "StopCharging")]);

        Assert.Equal(200, status);
        var response = body["InstanceResponses"]!["InstanceResponse"]!.AsArray().Single()!;
        Assert.Equal("Running", (string?)response["PreviousStatus"]);
        Assert.Equal("Stopping", (string?)response["CurrentStatus"]);
        harness.Time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(InstanceStatus.Stopped, harness.StatusOf(id));
        Assert.Equal("StopCharging", harness.Emulator.Instance(id)!.StoppedMode);

        Assert.Equal(200, harness.Call("StartInstances", [("InstanceId.1", id)]).Status);
        Assert.Equal(InstanceStatus.Starting, harness.StatusOf(id));
        harness.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(InstanceStatus.Running, harness.StatusOf(id));
    }

    [Fact]
    public void StartInstances_OnRunning_IncorrectInstanceStatus()
    {
        var harness = new EmulatorHarness();
        var id = harness.Run(1).Single();
        harness.Time.Advance(TimeSpan.FromSeconds(10));

        var (status, body) = harness.Call("StartInstances", [("InstanceId.1", id)]);

        Assert.Equal(403, status);
        Assert.Equal("IncorrectInstanceStatus", (string?)body["Code"]);
    }

    [Fact]
    public void StopInstances_SuccessFirstWithOneBadId_StopsTheRestAndReportsEach()
    {
        var harness = new EmulatorHarness();
        var id = harness.Run(1).Single();
        harness.Time.Advance(TimeSpan.FromSeconds(10));

        var (status, body) = harness.Call("StopInstances", [("InstanceId.1", id), ("InstanceId.2", "i-missing"), ("BatchOptimization", "SuccessFirst")]);

        Assert.Equal(200, status);
        var codes = body["InstanceResponses"]!["InstanceResponse"]!.AsArray().Select(r => (string?)r!["Code"]).ToList();
        Assert.Equal(["200", "InvalidInstanceId.NotFound"], codes);
        Assert.Equal(InstanceStatus.Stopping, harness.StatusOf(id));
    }

    [Fact]
    public void DeleteInstances_RunningWithoutForce_RefusedThenReleasedWithForce()
    {
        var harness = new EmulatorHarness();
        var id = harness.Run(1).Single();
        harness.Time.Advance(TimeSpan.FromSeconds(10));

        var refused = harness.Call("DeleteInstances", [("InstanceId.1", id)]);
        var forced = harness.Call("DeleteInstances", [("InstanceId.1", id), ("Force", "true")]);

        Assert.Equal((403, "IncorrectInstanceStatus"), (refused.Status, (string?)refused.Body["Code"]));
        Assert.Equal(200, forced.Status);
        Assert.Equal("gone", harness.StatusOf(id));
        Assert.Equal(1, harness.Emulator.Counters.InstancesDeleted);
    }

    [Fact]
    public void DeleteInstances_Stopped_ReleasedWithoutForce_AndAgainIsNotFound()
    {
        var harness = new EmulatorHarness();
        var id = harness.Run(1).Single();
        harness.Time.Advance(TimeSpan.FromSeconds(10));
        harness.Call("StopInstances", [("InstanceId.1", id)]);
        harness.Time.Advance(TimeSpan.FromSeconds(4));

        Assert.Equal(200, harness.Call("DeleteInstances", [("InstanceId.1", id)]).Status);
        var again = harness.Call("DeleteInstances", [("InstanceId.1", id)]);

        Assert.Equal((404, "InvalidInstanceId.NotFound"), (again.Status, (string?)again.Body["Code"]));
    }

    [Fact]
    public void RunInstances_NeverRunningShareOne_StaysStarting()
    {
        var harness = new EmulatorHarness(profile: TestProfiles.Fixed(new FaultShares { NeverRunning = 1 }));
        var id = harness.Run(1).Single();

        harness.Time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(InstanceStatus.Starting, harness.StatusOf(id));
        Assert.Null(harness.Emulator.Instance(id)!.RunningAt);
    }

    [Fact]
    public void StartInstances_StopChargingGaveStockBackAndTypeSoldOut_NoStock()
    {
        var harness = new EmulatorHarness();
        var id = harness.Run(1).Single();
        harness.Time.Advance(TimeSpan.FromSeconds(10));
        harness.Call("StopInstances", [("InstanceId.1", id), ("StoppedMode", "StopCharging")]);
        harness.Time.Advance(TimeSpan.FromSeconds(4));
        harness.Emulator.Faults.SetStock("ecs.g7.large", "cn-hangzhou-h", 0);

        var (status, body) = harness.Call("StartInstances", [("InstanceId.1", id)]);

        Assert.Equal((403, "OperationDenied.NoStock"), (status, (string?)body["Code"]));
        Assert.Equal(InstanceStatus.Stopped, harness.StatusOf(id));
    }

    [Fact]
    public void RunInstances_VSwitchMappedOrZoneGiven_PicksThatZone()
    {
        var harness = new EmulatorHarness(o => o.VSwitchZones["vsw-k"] = "cn-hangzhou-k");

        var mapped = harness.Run(1, ("VSwitchId", "vsw-k")).Single();
        var explicitZone = harness.Run(1, ("VSwitchId", "vsw-other"), ("ZoneId", "cn-hangzhou-j")).Single();
        var fallback = harness.Run(1, ("VSwitchId", "vsw-unknown")).Single();

        Assert.Equal("cn-hangzhou-k", harness.Emulator.Instance(mapped)!.ZoneId);
        Assert.Equal("cn-hangzhou-j", harness.Emulator.Instance(explicitZone)!.ZoneId);
        Assert.Equal("cn-hangzhou-h", harness.Emulator.Instance(fallback)!.ZoneId);
    }
}
