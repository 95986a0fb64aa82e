using FastScale.Engine.NodeGroups;

namespace FastScale.Engine.Demand;

/// <summary>Reads a group's state as the planner needs it: target, and the nodes asked for that cannot take pods yet.</summary>
internal static class ComingCapacity
{
    /// <summary>
    /// Coming = instances still being created (not failed ones: they will never be nodes), Running instances whose node
    /// cannot take pods yet, and the part of the target no instance fills yet (launches queued or in flight).
    /// </summary>
    public static DemandGroup Of(NodeGroup group, INodeReadiness readiness)
    {
        var target = group.TargetSize;
        var (live, creating) = (0, 0);
        foreach (var instance in group.Instances)
        {
            if (instance.State == InstanceState.Deleting)
            {
                continue;
            }

            live++;
            if (instance.State == InstanceState.Creating && !instance.IsFailedCreation)
            {
                creating++;
            }
            else if (instance.State == InstanceState.Running && !readiness.CanTakePods(instance.Id))
            {
                creating++;
            }
        }

        return DemandGroup.From(group, target, creating + Math.Max(0, target - live));
    }
}
