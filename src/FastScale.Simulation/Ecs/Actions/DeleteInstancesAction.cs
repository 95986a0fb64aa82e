using System.Text.Json.Nodes;
using FastScale.Simulation.Ecs.Instances;
using FastScale.Simulation.Ecs.Wire;

namespace FastScale.Simulation.Ecs.Actions;

/// <summary>
/// DeleteInstances: releases up to 100 instances, all or nothing. Without Force only Stopped instances may go (anything
/// else is IncorrectInstanceStatus); with Force any status. An unknown id is InvalidInstanceId.NotFound, which callers
/// treat as "already gone". ClientToken makes a retried delete answer as the first one did.
/// </summary>
internal static class DeleteInstancesAction
{
    public const string Name = "DeleteInstances";

    public static ActionOutcome Execute(ActionContext context, ActionParameters p, DateTimeOffset now)
    {
        var ids = p.Indexed("InstanceId", 100);
        var force = p.Bool("Force");
        var token = p.Get("ClientToken");
        if (ids.Count == 0)
        {
            p.Fail(EcsErrors.Missing("InstanceId.1"));
        }

        if (p.Error is { } error)
        {
            return error;
        }

        var fingerprint = p.Fingerprint();
        if (token is not null && context.Idempotency.TryGet(Name, token, out var firstFingerprint, out var firstAnswer))
        {
            return firstFingerprint == fingerprint ? firstAnswer : EcsErrors.IdempotentMismatch();
        }

        var instances = new List<EmulatedInstance>();
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            var instance = context.Store.Find(id);
            if (instance is null)
            {
                return EcsErrors.InstanceNotFound(id);
            }

            var status = instance.StatusAt(now);
            if (!force && status != InstanceStatus.Stopped)
            {
                return EcsErrors.IncorrectStatus(id, status, $"{Name} without Force=true");
            }

            instances.Add(instance);
        }

        foreach (var instance in instances)
        {
            context.Store.Remove(instance.InstanceId);
            if (instance.HoldsStock)
            {
                context.Stock.Return(instance.StockKey, 1);
            }

            context.FreeIps.Return(instance.VSwitchId, 1);
        }

        context.Counters.Deleted(instances.Count);
        var body = new JsonObject();
        if (token is not null)
        {
            // Only a release is remembered: ECS says nothing of a refused delete's token, and our client never reuses one.
            context.Idempotency.Remember(Name, token, fingerprint, body);
        }

        return body;
    }
}
