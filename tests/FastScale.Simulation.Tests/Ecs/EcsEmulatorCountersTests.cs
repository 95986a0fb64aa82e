namespace FastScale.Simulation.Tests.Ecs;

public sealed class EcsEmulatorCountersTests
{
    [Fact]
    public void FirstCallAt_SeveralCalls_IsTheFirstArrivalOnTheEmulatorsClock()
    {
        var harness = new EmulatorHarness();
        var first = harness.Time.GetUtcNow();
        harness.Call("RunInstances", ("ImageId", "img"), ("InstanceType", "ecs.g7.large"));
        harness.Time.Advance(TimeSpan.FromSeconds(5));
        harness.Call("RunInstances", ("ImageId", "img"), ("InstanceType", "ecs.g7.large"));

        Assert.Equal(first, harness.Emulator.Counters.FirstCallAt("RunInstances"));
        Assert.Null(harness.Emulator.Counters.FirstCallAt("StartInstances"));
    }
}
