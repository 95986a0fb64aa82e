using FastScale.Simulation.Ecs.Instances;
using FastScale.Simulation.Ecs.Wire;

namespace FastScale.Simulation.Ecs.Actions;

/// <summary>
/// StopInstances: Running → Stopping → Stopped. StoppedMode StopCharging (economical mode) hands the compute stock back,
/// so a later start may find none; KeepCharging keeps it. Only a pay-as-you-go instance in a VPC, on an account that
/// is offered economical mode, is stopped in StopCharging; any other is stopped in KeepCharging whatever was asked, and
/// DescribeInstances says which mode it got. Without StoppedMode the account's default applies (KeepCharging unless
/// "default economical mode" is enabled).
/// </summary>
internal static class StopInstancesAction
{
    public const string Name = "StopInstances";

    public static ActionOutcome Execute(ActionContext context, ActionParameters p, DateTimeOffset now)
    {
        var asked = p.OneOf("StoppedMode", context.Options.EconomicalModeByDefault ? "StopCharging" : "KeepCharging", "KeepCharging", "StopCharging");
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
                var mode = asked == "StopCharging" && QualifiesForEconomicalMode(instance, context.Options) ? "StopCharging" : "KeepCharging";
                instance.StoppedMode = mode;
                if (mode == "StopCharging" && instance.HoldsStock)
                {
                    instance.HoldsStock = false;
                    context.Stock.Return(instance.StockKey, 1);
                }
            },
            now);
    }

    private static bool QualifiesForEconomicalMode(EmulatedInstance instance, EcsEmulatorOptions options) =>
        !options.EconomicalModeUnavailable && instance.ChargeType == "PostPaid" && !string.IsNullOrEmpty(instance.VSwitchId);
}
