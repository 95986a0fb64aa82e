using FastScale.Engine.Policy;
using FastScale.Engine.Repair;

namespace FastScale.Engine.Tests.Repair;

public sealed class RepairDiagnosisTests
{
    private static readonly DateTimeOffset Launch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly RepairPolicy Policy = new() { RegistrationTimeout = TimeSpan.FromMinutes(10), NotReadyTimeout = TimeSpan.FromMinutes(5) };

    [Fact]
    public void Booting_WithoutANode_IsHealthyUntilTheRegistrationTimeout()
    {
        var watch = new InstanceWatch(Launch);

        Assert.False(Diagnose(watch, null, Launch.AddMinutes(9)).IsUnhealthy);
        var late = Diagnose(watch, null, Launch.AddMinutes(10));
        Assert.Equal((RepairReason.NeverReady, true), (late.Reason, late.Due));
        Assert.Contains("no node 600 s after launch", late.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void RegisteredButNeverReady_IsJudgedByTheRegistrationTimeout_NotTheNotReadyOne()
    {
        var watch = new InstanceWatch(Launch);
        var node = new NodeHealth("n1", NodeReadiness.NotReady, Launch.AddSeconds(30));

        Assert.False(Diagnose(watch, node, Launch.AddMinutes(7)).IsUnhealthy);
        Assert.Equal(RepairReason.NeverReady, Diagnose(watch, node, Launch.AddMinutes(10)).Reason);
    }

    [Fact]
    public void NotReadyAfterReady_IsUnhealthyAtOnce_AndDueAfterItsToleration()
    {
        var watch = new InstanceWatch(Launch);
        Diagnose(watch, new NodeHealth("n1", NodeReadiness.Ready, Launch.AddMinutes(1)), Launch.AddMinutes(2));
        var down = new NodeHealth("n1", NodeReadiness.Unknown, Launch.AddMinutes(20));

        var early = Diagnose(watch, down, Launch.AddMinutes(21));
        var late = Diagnose(watch, down, Launch.AddMinutes(25));

        Assert.Equal((RepairReason.NotReady, false), (early.Reason, early.Due));
        Assert.Equal((RepairReason.NotReady, true), (late.Reason, late.Due));
        Assert.Contains("Unknown for 300 s", late.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, RepairReason.Stopped)]
    [InlineData(true, RepairReason.Released)]
    public void StoppedOrGone_IsDueOnlyOnceOlderThanTheShorterTimeout(bool gone, RepairReason reason)
    {
        var presence = gone ? CloudPresence.Gone : CloudPresence.Stopped;
        var watch = new InstanceWatch(Launch);
        var ready = new NodeHealth("n1", NodeReadiness.Ready, Launch);

        var young = RepairDiagnosis.Diagnose(Policy, watch, ready, presence, Launch.AddMinutes(4));
        var old = RepairDiagnosis.Diagnose(Policy, watch, ready, presence, Launch.AddMinutes(5));

        Assert.Equal((reason, false), (young.Reason, young.Due));
        Assert.Equal((reason, true), (old.Reason, old.Due));
    }

    [Theory]
    [InlineData(10, 20, 2)]
    [InlineData(12, 20, 2)]
    [InlineData(3, 20, 1)]
    [InlineData(100, 20, 20)]
    [InlineData(10, 0, 0)]
    [InlineData(10, 100, 10)]
    public void Brake_AllowsTheShareRoundedDown_ButAtLeastOne(int total, int percent, int allowed)
    {
        Assert.Equal(allowed, RepairBrake.Allowed(total, percent));
    }

    [Fact]
    public void Brake_ReportsOnlyItsTransitions()
    {
        var brake = new RepairBrake();

        Assert.Equal(BrakeChange.None, brake.Update("g", 2, 10, 20));
        Assert.Equal(BrakeChange.Engaged, brake.Update("g", 3, 10, 20));
        Assert.Equal(BrakeChange.None, brake.Update("g", 4, 10, 20));
        Assert.True(brake.IsEngaged("g"));
        Assert.Equal(BrakeChange.Released, brake.Update("g", 1, 10, 20));
        Assert.False(brake.IsEngaged("g"));
    }

    private static Diagnosis Diagnose(InstanceWatch watch, NodeHealth? node, DateTimeOffset now)
    {
        watch.Observe(node, now);
        return RepairDiagnosis.Diagnose(Policy, watch, node, CloudPresence.Present, now);
    }
}
