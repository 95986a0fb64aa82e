using FastScale.Simulation.Ecs;
using FastScale.Simulation.LatencyModel;

namespace FastScale.Simulation.Tests.Ecs.FlowControl;

/// <summary>Free private IPs per vSwitch: taken one per instance, given back on release, refused as ECS refuses them.</summary>
public sealed class VSwitchFreeIpTests
{
    private const string Small = "vsw-small";

    [Fact]
    public void RunInstances_VSwitchFull_IpNotEnoughInEcsShapeWhileAnotherVSwitchStillLaunches()
    {
        var harness = new EmulatorHarness(o => o.VSwitchFreeIps[Small] = 5);

        var filled = harness.Run(5, ("VSwitchId", Small));
        var (status, body) = harness.Call("RunInstances", [("ImageId", "img"), ("InstanceType", "ecs.g7.large"), ("VSwitchId", Small)]);
        var elsewhere = harness.Run(3, ("VSwitchId", "vsw-other"));

        Assert.Equal(5, filled.Count);
        Assert.Equal((403, "InvalidVSwitchId.IpNotEnough"), (status, (string?)body["Code"]));
        Assert.Equal($"The specified VSwitch \"{Small}\" has not enough IpAddress.", (string?)body["Message"]);
        Assert.Equal(["RequestId", "HostId", "Code", "Message", "Recommend"], body.Select(p => p.Key));
        Assert.Equal(3, elsewhere.Count);
        Assert.Equal(0, harness.Emulator.Faults.FreeIpsOf(Small));
        Assert.Null(harness.Emulator.Faults.FreeIpsOf("vsw-other"));
    }

    [Fact]
    public void RunInstances_FewerIpsThanAmount_AllOrNothingWithoutMinAmount_WhatIsLeftWithIt()
    {
        var harness = new EmulatorHarness(o => o.VSwitchFreeIps[Small] = 30);

        var (status, body) = harness.Call("RunInstances", [("ImageId", "img"), ("InstanceType", "ecs.g7.large"), ("Amount", "50"), ("VSwitchId", Small)]);
        var untouched = harness.Emulator.Faults.FreeIpsOf(Small);
        var tooMany = harness.Call("RunInstances", [("ImageId", "img"), ("InstanceType", "ecs.g7.large"), ("Amount", "50"), ("MinAmount", "31"), ("VSwitchId", Small)]);
        var partial = harness.Run(50, ("MinAmount", "20"), ("VSwitchId", Small));

        Assert.Equal((403, "InvalidVSwitchId.IpNotEnough"), (status, (string?)body["Code"]));
        Assert.Equal(30, untouched);
        Assert.Equal(403, tooMany.Status);
        Assert.Equal(30, partial.Count);
        Assert.Equal(30, harness.Emulator.Instances().Count);
    }

    [Fact]
    public void DeleteInstances_GivesTheIpBack_AndTheNextLaunchFitsAgain()
    {
        var harness = new EmulatorHarness(o => o.VSwitchFreeIps[Small] = 2);
        var ids = harness.Run(2, ("VSwitchId", Small));

        var deleted = harness.Call("DeleteInstances", [("InstanceId.1", ids[0]), ("Force", "true")]);
        var freed = harness.Emulator.Faults.FreeIpsOf(Small);
        var again = harness.Run(1, ("VSwitchId", Small));

        Assert.Equal(200, deleted.Status);
        Assert.Equal(1, freed);
        Assert.Single(again);
        Assert.Equal(0, harness.Emulator.Faults.FreeIpsOf(Small));
    }

    [Fact]
    public void StopInstances_StopCharging_KeepsTheIp()
    {
        var harness = new EmulatorHarness(o => o.VSwitchFreeIps[Small] = 1);
        var id = harness.Run(1, ("VSwitchId", Small)).Single();
        harness.Time.Advance(TimeSpan.FromSeconds(10));

        harness.Call("StopInstances", [("InstanceId.1", id), ("StoppedMode", "StopCharging")]);
        harness.Time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(0, harness.Emulator.Faults.FreeIpsOf(Small));
        Assert.Equal(403, harness.Call("RunInstances", [("ImageId", "img"), ("InstanceType", "ecs.g7.large"), ("VSwitchId", Small)]).Status);
    }

    [Fact]
    public void RunInstances_NoStockAfterIpsWereCounted_TakesNoIp()
    {
        var harness = new EmulatorHarness(o => o.VSwitchFreeIps[Small] = 10, TestProfiles.Fixed(new FaultShares
        {
            StockOuts = [new StockOut("ecs.g7.large", "cn-hangzhou-h", 4)],
        }));

        var (status, body) = harness.Call("RunInstances", [("ImageId", "img"), ("InstanceType", "ecs.g7.large"), ("Amount", "5"), ("VSwitchId", Small)]);
        var partial = harness.Run(5, ("MinAmount", "1"), ("VSwitchId", Small));

        Assert.Equal((403, "OperationDenied.NoStock"), (status, (string?)body["Code"]));
        Assert.Equal(4, partial.Count);
        Assert.Equal(6, harness.Emulator.Faults.FreeIpsOf(Small));
    }

    [Fact]
    public void Options_NegativeFreeIps_ReportedAtStart()
    {
        var options = new EcsEmulatorOptions();
        options.VSwitchFreeIps[Small] = -1;

        Assert.Contains(options.Validate(), p => p.Contains(Small, StringComparison.Ordinal));
    }
}
