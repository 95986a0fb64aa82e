namespace FastScale.Simulation.Tests.Ecs.Wire;

public sealed class ErrorShapeTests
{
    [Theory]
    [InlineData("RunInstances", "Amount", "101", 400, "InvalidParameter")]
    [InlineData("RunInstances", "Amount", "0", 400, "InvalidParameter")]
    [InlineData("RunInstances", "UserData", "not base64!", 400, "InvalidParameter")]
    [InlineData("RunInstances", "DryRun", "true", 400, "DryRunOperation")]
    [InlineData("RunInstances", "RegionId", "cn-beijing", 404, "InvalidRegionId.NotFound")]
    [InlineData("DescribeRegions", "X", "1", 404, "InvalidAction.NotFound")]
    public void Errors_HaveEcsShapeAndStatus(string action, string name, string value, int expectedStatus, string expectedCode)
    {
        var harness = new EmulatorHarness();

        var (status, body) = harness.Call(action, [("ImageId", "img"), ("InstanceType", "ecs.g7.large"), (name, value)]);

        Assert.Equal(expectedStatus, status);
        Assert.Equal(["RequestId", "HostId", "Code", "Message", "Recommend"], body.Select(p => p.Key));
        Assert.Equal(expectedCode, (string?)body["Code"]);
        Assert.Matches("^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$", (string?)body["RequestId"]);
        Assert.Equal(0, harness.Emulator.Counters.InstancesCreated);
    }

    [Fact]
    public void RunInstances_MissingImage_MissingParameterNamingIt()
    {
        var harness = new EmulatorHarness();

        var (status, body) = harness.Call("RunInstances", [("InstanceType", "ecs.g7.large")]);

        Assert.Equal((400, "MissingParameter"), (status, (string?)body["Code"]));
        Assert.Contains("ImageId", (string?)body["Message"], StringComparison.Ordinal);
    }

    [Fact]
    public void RunInstances_Success_HasWrappedIdArrayOrderIdAndPrice()
    {
        var harness = new EmulatorHarness();

        var (status, body) = harness.Call("RunInstances", [("ImageId", "img"), ("InstanceType", "ecs.g7.large"), ("Amount", "2")]);

        Assert.Equal(200, status);
        Assert.Equal(["RequestId", "OrderId", "TradePrice", "InstanceIdSets"], body.Select(p => p.Key));
        Assert.Equal(2, body["InstanceIdSets"]!["InstanceIdSet"]!.AsArray().Count);
    }

    [Fact]
    public void Handle_InjectedOneShot_AnsweredOnceThenNormal()
    {
        var harness = new EmulatorHarness();
        harness.Emulator.Faults.FailNext("DescribeInstances", "InternalError", 500);

        var first = harness.Call("DescribeInstances");
        var second = harness.Call("DescribeInstances");

        Assert.Equal((500, "InternalError"), (first.Status, (string?)first.Body["Code"]));
        Assert.Equal(200, second.Status);
        Assert.Equal(1, harness.Emulator.Counters.ErrorsByCode["InternalError"]);
    }
}
