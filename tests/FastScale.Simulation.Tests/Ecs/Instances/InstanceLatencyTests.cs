using FastScale.Simulation.Ecs;
using FastScale.Simulation.Ecs.Instances;
using FastScale.Simulation.LatencyModel;

namespace FastScale.Simulation.Tests.Ecs.Instances;

/// <summary>Each instance carries the model's own samples, and the state machine follows exactly those samples.</summary>
public sealed class InstanceLatencyTests
{
    [Fact]
    public void RunInstances_Snapshot_HasEverySampledPhase()
    {
        var harness = new EmulatorHarness(profile: TestProfiles.Fixed() with { ProvisioningPerSecond = 2 });
        var ids = harness.Run(3);

        var latencies = ids.Select(id => harness.Emulator.Instance(id)!.Latency).ToList();

        Assert.All(latencies, l => Assert.Equal(LaunchKind.Create, l.Kind));
        Assert.All(latencies, l => Assert.Equal(harness.Time.GetUtcNow(), l.RequestedAt));
        Assert.Equal([0.0, 0.5, 1.0], latencies.Select(l => l.QueueWait.TotalSeconds));
        Assert.All(latencies, l => Assert.Equal(TimeSpan.FromSeconds(10), l.Provisioning));
        Assert.All(latencies, l => Assert.Equal([1.0, 1.0, 1.0], [l.Boot.TotalSeconds, l.Registration.TotalSeconds, l.Readiness.TotalSeconds]));
        Assert.All(latencies, l => Assert.Equal(TimeSpan.FromSeconds(13), l.PhasesWithoutQueue));
    }

    [Fact]
    public void RunInstances_SampledDistributions_StatusTurnsRunningExactlyAtSampledTime()
    {
        var harness = new EmulatorHarness(profile: LatencyProfileLoader.LoadEmbedded().GetOrThrow());
        var id = harness.Run(1, ("ImageId", "m-bp1g7004ksh0oeuc4z6c")).Single();
        var latency = harness.Emulator.Instance(id)!.Latency;

        harness.Time.Advance(latency.RunningAt - harness.Time.GetUtcNow() - TimeSpan.FromMilliseconds(1));
        Assert.NotEqual(InstanceStatus.Running, harness.StatusOf(id));
        harness.Time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(InstanceStatus.Running, harness.StatusOf(id));
        Assert.Equal(latency.RunningAt, harness.Emulator.Instance(id)!.RunningAt);
        Assert.Equal("prebaked", latency.ImageKind);
        Assert.InRange(latency.Boot.TotalSeconds, 0.5, 10);
    }

    [Theory]
    [InlineData(false, 0.0)]
    [InlineData(true, 1.5)]
    public void StartInstances_WaitInTheCreateQueue_OnlyWhenTheProfileSaysSo(bool queued, double expectedWait)
    {
        var harness = new EmulatorHarness(profile: TestProfiles.Fixed() with { ProvisioningPerSecond = 2, StartsWaitInCreateQueue = queued });
        var id = harness.Run(1).Single();
        harness.Time.Advance(TimeSpan.FromSeconds(20));
        harness.Call("StopInstances", ("InstanceId.1", id));
        harness.Time.Advance(TimeSpan.FromSeconds(20));
        harness.Run(3); // three creates take the queue's next 1.5 s

        harness.Call("StartInstances", ("InstanceId.1", id));

        Assert.Equal(expectedWait, harness.Emulator.Instance(id)!.Latency.QueueWait.TotalSeconds, precision: 6);
    }

    [Fact]
    public void StartInstances_AfterStop_ReplacesLatencyWithAStartSample()
    {
        var harness = new EmulatorHarness();
        var id = harness.Run(1).Single();
        harness.Time.Advance(TimeSpan.FromSeconds(10));
        harness.Call("StopInstances", ("InstanceId.1", id));
        harness.Time.Advance(TimeSpan.FromSeconds(4));

        harness.Call("StartInstances", ("InstanceId.1", id));

        var latency = harness.Emulator.Instance(id)!.Latency;
        Assert.Equal(LaunchKind.Start, latency.Kind);
        Assert.Equal(TimeSpan.FromSeconds(5), latency.Provisioning);
        Assert.Equal(harness.Time.GetUtcNow() + TimeSpan.FromSeconds(5), latency.RunningAt);
    }

    [Fact]
    public void StartInstances_WhileCreatesQueue_DoesNotWaitInTheRegionalQueue_NorTakeASlot()
    {
        var harness = new EmulatorHarness(profile: TestProfiles.Fixed() with { ProvisioningPerSecond = 1 });
        var warm = harness.Run(1).Single();
        harness.Time.Advance(TimeSpan.FromSeconds(10));
        harness.Call("StopInstances", ("InstanceId.1", warm));
        harness.Time.Advance(TimeSpan.FromSeconds(4));

        // Ten creates fill the region's queue for ten seconds; the start right behind them does not wait.
        var created = harness.Run(10);
        harness.Call("StartInstances", ("InstanceId.1", warm));
        var after = harness.Run(1).Single();

        var start = harness.Emulator.Instance(warm)!.Latency;
        Assert.Equal((LaunchKind.Start, TimeSpan.Zero), (start.Kind, start.QueueWait));
        Assert.Equal(harness.Time.GetUtcNow() + TimeSpan.FromSeconds(5), start.RunningAt);
        Assert.Equal(
            [.. Enumerable.Range(0, 11).Select(i => (double)i)],
            created.Append(after).Select(id => harness.Emulator.Instance(id)!.Latency.QueueWait.TotalSeconds));
    }

    [Fact]
    public void Options_ImageKinds_OverrideProfileForThatImage()
    {
        var profile = TestProfiles.Fixed() with
        {
            Boot = new Dictionary<string, PhaseDistribution>
            {
                ["general"] = PhaseDistribution.Fixed(TimeSpan.FromSeconds(80)),
                ["prebaked"] = PhaseDistribution.Fixed(TimeSpan.FromSeconds(2)),
            },
        };
        var harness = new EmulatorHarness(o => o.ImageKinds["m-policy-image"] = "prebaked", profile);

        var prebaked = harness.Emulator.Instance(harness.Run(1, ("ImageId", "m-policy-image")).Single())!.Latency;
        var general = harness.Emulator.Instance(harness.Run(1, ("ImageId", "m-other-image")).Single())!.Latency;

        Assert.Equal(("prebaked", TimeSpan.FromSeconds(2)), (prebaked.ImageKind, prebaked.Boot));
        Assert.Equal(("general", TimeSpan.FromSeconds(80)), (general.ImageKind, general.Boot));
        Assert.Equal("prebaked", harness.Emulator.Profile.ImageKindOf("m-policy-image"));
    }

    [Fact]
    public void Options_ImageKindNotInProfile_IsRefusedAtStartUp()
    {
        var options = new EcsEmulatorOptions { Profile = TestProfiles.Fixed() };
        options.ImageKinds["m-x"] = "baked";

        var problem = Assert.Single(options.Validate());

        Assert.Contains("m-x", problem, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new EcsEmulator(options, TimeProvider.System));
    }

    [Fact]
    public void RunInstances_BeyondInstanceQuota_QuotaExceededAndMinAmountTakesWhatFits()
    {
        var harness = new EmulatorHarness(o => o.InstanceQuota = 5);
        harness.Run(3);

        var (status, body) = harness.Call("RunInstances", ("ImageId", "img"), ("InstanceType", "ecs.g7.large"), ("Amount", "3"));
        var partial = harness.Run(3, ("MinAmount", "2"));

        Assert.Equal((403, "QuotaExceed.ElasticQuota"), (status, (string?)body["Code"]));
        Assert.Equal(2, partial.Count);
        Assert.Equal(5, harness.Emulator.Instances().Count);
    }
}
