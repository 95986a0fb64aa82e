using FastScale.Burst;
using FastScale.Simulation.Ecs.Instances;
using FastScale.Simulation.LatencyModel;

namespace FastScale.Tests.Burst;

/// <summary>The floor reads the emulator's own samples, per launch kind, as the simulated kubelets follow them.</summary>
public sealed class BurstFloorCalculatorTests
{
    private static readonly LatencyProfile Profile = LatencyProfileLoader.LoadEmbedded().GetOrThrow() with { ProvisioningPerSecond = 10 };

    [Fact]
    public void FloorOf_Create_QueuePlaceAndEveryPhase()
    {
        var floor = BurstFloorCalculator.FloorOf(25, Instance(LaunchKind.Create), Profile, nodeExisted: false);

        // 25 / 10 per second in the queue, then provisioning 10 + boot 2 + registration 3 + readiness 4.
        Assert.Equal(2.5 + 19, floor, precision: 6);
    }

    [Theory]
    [InlineData(false, 10 + 2 + 3 + 4)]
    [InlineData(true, 10 + 2 + 4)]
    public void FloorOf_Start_NoQueue_RegistrationOnlyWithoutANode(bool nodeExisted, double expected)
    {
        var floor = BurstFloorCalculator.FloorOf(25, Instance(LaunchKind.Start), Profile, nodeExisted);

        Assert.Equal(expected, floor, precision: 6);
    }

    private static EcsInstanceSnapshot Instance(LaunchKind kind)
    {
        var at = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
        var latency = new InstanceLatency(kind, "prebaked", at, TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(10),
            TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4));
        return new EcsInstanceSnapshot("i-1", "Running", "Not-applicable", "ecs.g7.large", "cn-hangzhou-h", "m-1", "10.0.0.1", at, latency.RunningAt, [], latency);
    }
}
