using FastScale.Simulation.Ecs.Instances;
using FastScale.Simulation.Ecs.Wire;

namespace FastScale.Simulation.Ecs.Actions;

/// <summary>
/// StartInstances: Stopped → Starting → Running after the profile's <c>startProvisioning</c>, outside the regional
/// create queue (see <see cref="ActionContext.SampleLaunch"/>). An instance stopped in
/// StopCharging mode needs stock again, and fails with OperationDenied.NoStock when its type is sold out in its zone.
/// </summary>
internal static class StartInstancesAction
{
    public const string Name = "StartInstances";

    public static ActionOutcome Execute(ActionContext context, ActionParameters p, DateTimeOffset now) =>
        InstanceBatch.Run(
            context,
            p,
            (id, instance) => instance is null ? EcsErrors.InstanceNotFound(id)
                : instance.StatusAt(now) != InstanceStatus.Stopped ? EcsErrors.IncorrectStatus(id, instance.StatusAt(now), Name)
                : null,
            instances => Reserve(context, instances),
            instance =>
            {
                instance.HoldsStock = true;
                instance.StoppedMode = "Not-applicable";
                instance.Latency = context.SampleLaunch(LaunchKind.Start, instance.ImageId, now);
                instance.Schedule(now, (now, InstanceStatus.Starting), (instance.Latency.RunningAt, InstanceStatus.Running));
            },
            now);

    /// <summary>Takes one unit of stock per instance that gave its unit back; all or nothing.</summary>
    private static EcsError? Reserve(ActionContext context, IReadOnlyList<EmulatedInstance> instances)
    {
        var taken = new List<(string Key, int Count)>();
        foreach (var group in instances.Where(i => !i.HoldsStock).GroupBy(i => i.StockKey))
        {
            var wanted = group.Count();
            var got = context.Stock.Take(group.Key, wanted);
            taken.Add((group.Key, got));
            if (got < wanted)
            {
                foreach (var (key, count) in taken)
                {
                    context.Stock.Return(key, count);
                }

                var first = group.First();
                return EcsErrors.NoStock(first.InstanceType, first.ZoneId);
            }
        }

        return null;
    }
}
