using FastScale.Engine.NodeGroups;

namespace FastScale.Engine.Demand;

/// <summary>Reads a group's state as the planner needs it: target, the nodes asked for that cannot take pods yet, and the free room of those that can.</summary>
internal static class ComingCapacity
{
    /// <summary>
    /// Ready room = the free room of every instance whose node can take pods, as <paramref name="room"/> reads it (bound
    /// pods subtracted, however recently the node turned Ready). Coming = instances still being created (not failed
    /// ones: they will never be nodes), Running instances whose node cannot take pods yet and whose room is unknown, and
    /// the part of the target no instance fills yet (launches queued or in flight).
    /// </summary>
    public static DemandGroup Of(NodeGroup group, INodeReadiness readiness, INodeRoom room)
    {
        var target = group.TargetSize;
        var (live, creating) = (0, 0);
        var ready = new List<PodRequests>();
        foreach (var instance in group.Instances)
        {
            switch (instance.Lifecycle)
            {
                case InstanceLifecycle.Deleting:
                    continue;
                case InstanceLifecycle.Launched:
                    creating++;
                    break;
                // Room first: a node that has just turned Ready may already hold the pods it was meant for, and
                // counting it as coming (a whole empty node) would leave as many pending pods without a node.
                case InstanceLifecycle.Running or InstanceLifecycle.Registered or InstanceLifecycle.Ready when room.FreeRoom(instance.Id) is { } free:
                    ready.Add(free);
                    break;
                case InstanceLifecycle.Running or InstanceLifecycle.Registered or InstanceLifecycle.Ready when !readiness.CanTakePods(instance.Id):
                    creating++;
                    break;
            }

            live++;
        }

        return DemandGroup.From(group, target, creating + Math.Max(0, target - live)) with { ReadyRoom = ready };
    }
}
