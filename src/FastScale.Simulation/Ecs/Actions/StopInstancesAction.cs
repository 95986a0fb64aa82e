using FastScale.Simulation.Ecs.Instances;
using FastScale.Simulation.Ecs.Wire;

namespace FastScale.Simulation.Ecs.Actions;

/// <summary>
/// StopInstances: Running → Stopping → Stopped. StoppedMode StopCharging (economical mode) hands the compute stock back,
/// so a later start may find none; KeepCharging (the default) keeps it.
/// </summary>
internal static class StopInstancesAction
{
    public const string Name = "StopInstances";

    public static ActionOutcome Execute(ActionContext context, ActionParameters p, DateTimeOffset now)
    {
        var mode = p.OneOf("StoppedMode", "KeepCharging", "KeepCharging", "StopCharging");
        p.Bool("ForceStop");
        return InstanceBatch.Run(
            context,
            p,
            (id, instance) => instance is null ? EcsErrors.InstanceNotFound(id)
                : instance.StatusAt(now) != InstanceStatus.Running ? EcsErrors.IncorrectStatus(id, instance.StatusAt(now), Name)
                : null,
            _ => null,
            instance =>
            {
                var stopped = now + context.Profile.Stop.Sample(context.Random);
                instance.Schedule(now, (now, InstanceStatus.Stopping), (stopped, InstanceStatus.Stopped));
                instance.StoppedMode = mode;
                if (mode == "StopCharging" && instance.HoldsStock)
                {
                    instance.HoldsStock = false;
                    context.Stock.Return(instance.StockKey, 1);
                }
            },
            now);
    }
}
