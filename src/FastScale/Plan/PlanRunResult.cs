using FastScale.Burst;

namespace FastScale.Plan;

/// <summary>
/// One scenario computed in simulated time: the same figures a burst measures (<see cref="BurstRunResult"/>, times in
/// simulated seconds from t = 0), plus what the computation cost: wall seconds, timer callbacks fired, and timers armed
/// off the simulation's thread (must be 0, see <see cref="Simulation.VirtualTime.VirtualTimeProvider"/>).
/// <see cref="WarmPoolKeepCharging"/>: pool instances ECS stopped in standard mode when the pool was full at t = 0.
/// </summary>
internal sealed record PlanRunResult(
    BurstRunResult Run, double WallSeconds, long TimerEvents, long ForeignThreadCalls, int WarmPoolSize, int WarmPoolKeepCharging = 0);
