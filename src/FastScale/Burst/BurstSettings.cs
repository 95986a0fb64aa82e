using FastScale.Engine.Policy;
using FastScale.Simulation.LatencyModel;

namespace FastScale.Burst;

/// <summary>What every run of a burst shares: the policy, the latency profile, the seed, and how fast emulated time runs.</summary>
internal sealed record BurstSettings(ScalePolicy Policy, LatencyProfile Profile, int Seed, double TimeScale);
