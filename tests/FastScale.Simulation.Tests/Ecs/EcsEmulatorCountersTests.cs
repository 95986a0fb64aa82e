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

    [Fact]
    public void FirstCallAt_NotBefore_SkipsCallsFromBeforeThatMoment()
    {
        var harness = new EmulatorHarness();
        harness.Call("RunInstances", ("ImageId", "img"), ("InstanceType", "ecs.g7.large"));
        harness.Time.Advance(TimeSpan.FromSeconds(10));
        var start = harness.Time.GetUtcNow();
        harness.Time.Advance(TimeSpan.FromSeconds(2));
        var afterStart = harness.Time.GetUtcNow();
        harness.Call("RunInstances", ("ImageId", "img"), ("InstanceType", "ecs.g7.large"));

        Assert.Equal(afterStart, harness.Emulator.Counters.FirstCallAt("RunInstances", start));
        Assert.Null(harness.Emulator.Counters.FirstCallAt("RunInstances", afterStart.AddSeconds(1)));
    }
}
