using FastScale.Engine.NodeGroups;

namespace FastScale.Engine.Demand;

/// <summary>Reads a group's state as the planner needs it: target, the nodes asked for that cannot take pods yet, and the free room of those that can.</summary>
internal static class ComingCapacity
{
    /// <summary>
    /// Coming = instances still being created (not failed ones: they will never be nodes), Running instances whose node
    /// cannot take pods yet, and the part of the target no instance fills yet (launches queued or in flight). Ready room =
    /// the free room of every instance whose node can take pods, as <paramref name="room"/> reads it.
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
                case InstanceLifecycle.Running or InstanceLifecycle.Registered or InstanceLifecycle.Ready when !readiness.CanTakePods(instance.Id):
                    creating++;
                    break;
                case InstanceLifecycle.Running or InstanceLifecycle.Registered or InstanceLifecycle.Ready when room.FreeRoom(instance.Id) is { } free:
                    ready.Add(free);
                    break;
            }

            live++;
        }

        return DemandGroup.From(group, target, creating + Math.Max(0, target - live)) with { ReadyRoom = ready };
    }
}
