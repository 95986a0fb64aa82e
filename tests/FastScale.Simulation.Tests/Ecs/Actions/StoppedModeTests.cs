using System.Text.Json.Nodes;
using FastScale.Simulation.Ecs;

namespace FastScale.Simulation.Tests.Ecs.Actions;

/// <summary>
/// Which StoppedMode ECS applies (StopInstance, StoppedMode): StopCharging only for a pay-as-you-go instance in a VPC on
/// an account offered economical mode; KeepCharging otherwise, whatever was asked; without the parameter, the account's
/// "default economical mode" setting decides. DescribeInstances reports the mode applied.
/// </summary>
public sealed class StoppedModeTests
{
    [Theory]
    [InlineData("PostPaid", "StopCharging", false, false, "StopCharging")]
    [InlineData("PrePaid", "StopCharging", false, false, "KeepCharging")]
    [InlineData("PostPaid", "StopCharging", false, true, "KeepCharging")]
    [InlineData("PostPaid", "KeepCharging", true, false, "KeepCharging")]
    [InlineData("PostPaid", null, false, false, "KeepCharging")]
    [InlineData("PostPaid", null, true, false, "StopCharging")]
    [InlineData("PrePaid", null, true, false, "KeepCharging")]
    public void Stop_AppliesTheModeTheInstanceAndAccountQualifyFor(
        string chargeType, string? asked, bool economicalByDefault, bool economicalUnavailable, string applied)
    {
        var harness = new EmulatorHarness(o => (o.EconomicalModeByDefault, o.EconomicalModeUnavailable) = (economicalByDefault, economicalUnavailable));
        var id = harness.Run(1, ("InstanceChargeType", chargeType)).Single();
        harness.Time.Advance(TimeSpan.FromSeconds(10));

        (string, string)[] stop = asked is null ? [("InstanceId.1", id)] : [("InstanceId.1", id), ("StoppedMode", asked)];
        Assert.Equal(200, harness.Call("StopInstances", stop).Status);
        harness.Time.Advance(TimeSpan.FromSeconds(4));

        var described = Describe(harness, id);
        Assert.Equal("Stopped", (string?)described["Status"]);
        Assert.Equal(applied, (string?)described["StoppedMode"]);
        Assert.Equal(chargeType, (string?)described["InstanceChargeType"]);
    }

    [Fact]
    public void Stop_KeepCharging_HoldsTheStock_SoAStartFindsItWhenTheOfferingSoldOut()
    {
        var harness = new EmulatorHarness(o => o.EconomicalModeUnavailable = true);
        var id = harness.Run(1).Single();
        harness.Time.Advance(TimeSpan.FromSeconds(10));
        harness.Call("StopInstances", [("InstanceId.1", id), ("StoppedMode", "StopCharging")]);
        harness.Time.Advance(TimeSpan.FromSeconds(4));
        var instance = harness.Emulator.Instance(id)!;
        harness.Emulator.Faults.SetStock(instance.InstanceType, instance.ZoneId, 0);

        Assert.Equal(200, harness.Call("StartInstances", [("InstanceId.1", id)]).Status);
    }

    [Fact]
    public void Run_UnknownChargeType_IsRefusedNamingTheParameter()
    {
        var harness = new EmulatorHarness();

        var (status, body) = harness.Call("RunInstances",
            [("ImageId", "img-1"), ("InstanceType", "ecs.g7.large"), ("InstanceChargeType", "Monthly")]);

        Assert.Equal(400, status);
        Assert.Contains("InstanceChargeType", (string?)body["Message"]);
    }

    private static JsonNode Describe(EmulatorHarness harness, string id)
    {
        var (status, body) = harness.Call("DescribeInstances", [("InstanceIds", $"[\"{id}\"]")]);
        Assert.Equal(200, status);
        return body["Instances"]!["Instance"]!.AsArray().Single()!;
    }
}
