using FastScale.Engine.Policy;
using FastScale.Simulation.LatencyModel;

namespace FastScale.Plan;

/// <summary>What every run of a plan shares: the policy (already changed by a sweep's value), the latency profile and the seed.</summary>
internal sealed record PlanSettings(ScalePolicy Policy, LatencyProfile Profile, int Seed);
