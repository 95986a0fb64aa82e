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
    private readonly ActionCallCounter? _exempt;
    private readonly CloudCountsAtStart _atStart;

    private PlanMeasurement(PlanWorld world, ActionCallCounter? exempt)
    {
        (_world, _exempt) = (world, exempt);
        _atStart = CloudCountsAtStart.Take(world.Emulator, exempt, world.Kubelets.WithNodes());
        T0 = world.Time.GetUtcNow();
    }

    public DateTimeOffset T0 { get; }

    /// <summary>Starts the measurement now: this moment is t = 0.</summary>
    /// <param name="exempt">Calls that are not the policy's own (the upstream baseline's ESS); null when none.</param>
    public static PlanMeasurement AtStart(PlanWorld world, ActionCallCounter? exempt = null) =>
        new(world ?? throw new ArgumentNullException(nameof(world)), exempt);

    /// <summary>FastScale's figures.</summary>
    public BurstRunResult Result(int nodes, double wallSeconds, bool timedOut) =>
        Result(BurstRunner.FastScalePolicy, nodes, wallSeconds, timedOut, _world.Launcher.Retries);

    public BurstRunResult Result(string policyName, int nodes, double wallSeconds, bool timedOut, long retries)
    {
        var world = _world;
        var kubelets = world.Kubelets;
        var figures = new RunFigures(world.Emulator, world.Policy.ClusterId, T0, nodes, _atStart, world.IsWarm, _exempt)
            .Result(policyName, kubelets.RegisteredAt, kubelets.ReadyAt, kubelets.WithNodes(), world.Time.GetUtcNow(),
                wallSeconds, timedOut, retries);
        return world.Pods.FirstUnschedulableAt is { } unschedulable
            ? figures with { FirstUnschedulableSeconds = BurstRunner.Seconds(unschedulable, T0) }
            : figures;
    }
}
