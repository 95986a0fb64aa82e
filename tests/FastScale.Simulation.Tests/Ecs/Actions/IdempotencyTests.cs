namespace FastScale.Simulation.Tests.Ecs.Actions;

public sealed class IdempotencyTests
{
    [Fact]
    public void RunInstances_SameTokenSameParameters_SameIdsNothingNewCreated()
    {
        var harness = new EmulatorHarness();

        var first = harness.Run(3, ("ClientToken", "tok-1"));
        var second = harness.Run(3, ("ClientToken", "tok-1"));

        Assert.Equal(first, second);
        Assert.Equal(3, harness.Emulator.Counters.InstancesCreated);
        Assert.Equal(3, harness.Emulator.Instances().Count);
    }

    [Fact]
    public void RunInstances_SameTokenOtherParameters_IdempotentParameterMismatch()
    {
        var harness = new EmulatorHarness();
        harness.Run(3, ("ClientToken", "tok-1"));

        var (status, body) = harness.Call("RunInstances", [("ImageId", "containeros-img"), ("InstanceType", "ecs.g7.large"), ("Amount", "4"), ("ClientToken", "tok-1")]);

        Assert.Equal((400, "IdempotentParameterMismatch"), (status, (string?)body["Code"]));
        Assert.Equal(3, harness.Emulator.Counters.InstancesCreated);
    }

    [Fact]
    public void RunInstances_FirstTryFailed_RetryWithSameTokenCreates()
    {
        var harness = new EmulatorHarness();
        harness.Emulator.Faults.FailNext("RunInstances", "ServiceUnavailable", 503);
        var (status, _) = harness.Call("RunInstances", [("ImageId", "containeros-img"), ("InstanceType", "ecs.g7.large"), ("ClientToken", "tok-2")]);

        var retried = harness.Run(1, ("ClientToken", "tok-2"));

        Assert.Equal(503, status);
        Assert.Single(retried);
        Assert.Equal(1, harness.Emulator.Counters.InstancesCreated);
    }
}
