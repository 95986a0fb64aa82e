namespace FastScale.Simulation.Tests.Ecs.Actions;

/// <summary>Capacity errors injected per offering (instance type in a zone), answered to every RunInstances for it.</summary>
public sealed class OfferingErrorTests
{
    [Theory]
    [InlineData("Zone.NotOnSale", "The specified zone is not available for purchase.")]
    [InlineData("InvalidInstanceType.NotSupported", "The specified InstanceType is not Supported.")]
    [InlineData("InvalidResourceType.NotSupported", "This resource type is not supported; please try other resource types.")]
    [InlineData("InvalidInstanceType.ZoneNotSupported", "The specified zone does not support this instancetype.")]
    public void RunInstances_InjectedCode_AnsweredAsEcsAnswersItAndNothingCreated(string code, string message)
    {
        var harness = new EmulatorHarness(o => o.VSwitchFreeIps["vsw-h"] = 10);
        harness.Emulator.Faults.SetOfferingError("ecs.g7.large", "cn-hangzhou-h", code);

        var first = harness.Call("RunInstances", [("ImageId", "img"), ("InstanceType", "ecs.g7.large"), ("VSwitchId", "vsw-h")]);
        var second = harness.Call("RunInstances", [("ImageId", "img"), ("InstanceType", "ecs.g7.large"), ("VSwitchId", "vsw-h")]);

        Assert.All(new[] { first, second }, answer =>
        {
            Assert.Equal((403, code, message), (answer.Status, (string?)answer.Body["Code"], (string?)answer.Body["Message"]));
            Assert.Equal(["RequestId", "HostId", "Code", "Message", "Recommend"], answer.Body.Select(p => p.Key));
        });
        Assert.Empty(harness.Emulator.Instances());
        Assert.Equal(10, harness.Emulator.Faults.FreeIpsOf("vsw-h"));
    }

    [Fact]
    public void RunInstances_ZoneNotOnSaleForOneOffering_OtherTypesAndZonesLaunch_UntilCleared()
    {
        var harness = new EmulatorHarness(o => o.VSwitchZones["vsw-i"] = "cn-hangzhou-i");
        harness.Emulator.Faults.SetOfferingError("ecs.g7.large", "cn-hangzhou-h", "Zone.NotOnSale");

        var refused = harness.Call("RunInstances", [("ImageId", "img"), ("InstanceType", "ecs.g7.large")]).Status;
        var otherType = harness.Run(2, ("InstanceType", "ecs.g6.large"));
        var otherZone = harness.Run(2, ("VSwitchId", "vsw-i"));
        harness.Emulator.Faults.ClearOfferingError("ecs.g7.large", "cn-hangzhou-h");
        var cleared = harness.Run(2);

        Assert.Equal(403, refused);
        Assert.Equal(2, otherType.Count);
        Assert.Equal(2, otherZone.Count);
        Assert.All(otherZone, id => Assert.Equal("cn-hangzhou-i", harness.Emulator.Instance(id)!.ZoneId));
        Assert.Equal(2, cleared.Count);
    }
}
