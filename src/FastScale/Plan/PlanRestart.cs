using FastScale.Burst;
using FastScale.Simulation.Ecs;

namespace FastScale.Plan;

/// <summary>
/// The restart of a <c>restart-N</c> plan, as <see cref="ProviderRestart"/> does it in a burst: once the
/// <see cref="ProviderCrash"/> has swallowed the fatal answer, the provider is killed, a successor is started on the same
/// world, and, as the autoscaler does for pods still pending, asked for the nodes its recovered target does not cover.
/// </summary>
internal sealed class PlanRestart
{
    private readonly DateTimeOffset _t0;
    private readonly DateTimeOffset _crashedAt;
    private readonly int _instancesAtCrash;
    private readonly DateTimeOffset _recoveredAt;
    private readonly int _missing;

    private PlanRestart(DateTimeOffset t0, DateTimeOffset crashedAt, int instancesAtCrash, DateTimeOffset recoveredAt, int missing) =>
        (_t0, _crashedAt, _instancesAtCrash, _recoveredAt, _missing) = (t0, crashedAt, instancesAtCrash, recoveredAt, missing);

    /// <summary>Runs the clock to the crash, kills the provider and starts its successor; null when no crash came by <paramref name="deadline"/>.</summary>
    public static PlanRestart? Run(PlanWorld world, ProviderCrash crash, int nodes, DateTimeOffset t0, DateTimeOffset deadline)
    {
        if (!world.RunUntil(() => crash.Crashed.IsCompleted, deadline))
        {
            return null;
        }

        var crashedAt = world.Time.GetUtcNow();
        var instancesAtCrash = world.Emulator.Instances().Count;
        world.Provider.Kill();
        var successor = world.StartProvider();
        var recoveredAt = world.Time.GetUtcNow();
        var missing = nodes - successor.Engine.TargetSize(world.Group.Id).Value;
        if (missing > 0)
        {
            world.IncreaseSize(missing);
        }

        return new PlanRestart(t0, crashedAt, instancesAtCrash, recoveredAt, Math.Max(0, missing));
    }

    public RestartFigures Figures(EcsEmulator emulator)
    {
        var firstLaunch = emulator.Counters.FirstCallAt("RunInstances", _crashedAt);
        return new RestartFigures(
            BurstRunner.Seconds(_crashedAt, _t0), _instancesAtCrash, (_recoveredAt - _crashedAt).TotalSeconds,
            firstLaunch is { } at ? (at - _crashedAt).TotalSeconds : null, _missing);
    }
}
