using FastScale.Simulation.LatencyModel;

namespace FastScale.Simulation.Tests.Ecs;

/// <summary>Profiles with fixed phases, so tests know exactly when each status change happens.</summary>
internal static class TestProfiles
{
    /// <summary>Cold provisioning 10 s (Pending 8 s, Starting 2 s), start 5 s, stop 4 s, 100 instances a second.</summary>
    public static LatencyProfile Fixed(FaultShares? faults = null) => new()
    {
        Name = "test-fixed",
        ProvisioningPerSecond = 100,
        ColdProvisioning = PhaseDistribution.Fixed(TimeSpan.FromSeconds(10)),
        StartProvisioning = PhaseDistribution.Fixed(TimeSpan.FromSeconds(5)),
        Stop = PhaseDistribution.Fixed(TimeSpan.FromSeconds(4)),
        Boot = new Dictionary<string, PhaseDistribution> { ["general"] = PhaseDistribution.Fixed(TimeSpan.FromSeconds(1)) },
        DefaultImageKind = "general",
        Registration = PhaseDistribution.Fixed(TimeSpan.FromSeconds(1)),
        Readiness = PhaseDistribution.Fixed(TimeSpan.FromSeconds(1)),
        Faults = faults ?? FaultShares.None,
    };
}
