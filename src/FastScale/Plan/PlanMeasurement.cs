using FastScale.Burst;

namespace FastScale.Plan;

/// <summary>
/// Reads a finished plan run off its world with the burst's own definitions (<see cref="RunFigures"/>: same fields,
/// same rules for instances created, duplicates, leaks and the floor), so a plan's figures and a burst's mean the same.
/// Taken at t = 0 by <see cref="AtStart"/>, the counts of what a scenario did before (filling a warm pool) are subtracted.
/// </summary>
internal sealed class PlanMeasurement
{
    private readonly PlanWorld _world;
    private readonly CloudCountsAtStart _atStart;

    private PlanMeasurement(PlanWorld world)
    {
        _world = world;
        _atStart = CloudCountsAtStart.Take(world.Emulator, exempt: null, world.Kubelets.WithNodes());
        T0 = world.Time.GetUtcNow();
    }

    public DateTimeOffset T0 { get; }

    /// <summary>Starts the measurement now: this moment is t = 0.</summary>
    public static PlanMeasurement AtStart(PlanWorld world) => new(world ?? throw new ArgumentNullException(nameof(world)));

    public BurstRunResult Result(int nodes, double wallSeconds, bool timedOut)
    {
        var world = _world;
        var kubelets = world.Kubelets;
        return new RunFigures(world.Emulator, world.Policy.ClusterId, T0, nodes, _atStart, world.WarmPools.IsWarm, exempt: null)
            .Result(BurstRunner.FastScalePolicy, kubelets.RegisteredAt, kubelets.ReadyAt, kubelets.WithNodes(), world.Time.GetUtcNow(),
                wallSeconds, timedOut, world.Launcher.Retries);
    }
}
