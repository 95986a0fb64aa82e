using FastScale.Engine.NodeGroups;

namespace FastScale.Engine.Demand;

/// <summary>Reads a group's state as the planner needs it: target, and the nodes asked for that cannot take pods yet.</summary>
internal static class ComingCapacity
{
    /// <summary>
    /// Coming = instances still being created (not failed ones: they will never be nodes) + the part of the target no
    /// instance fills yet (launches queued or in flight).
    /// </summary>
    /// <remarks>
    /// An instance the cloud reports Running counts as arrived, although its node may still be booting; pods still
    /// pending then look uncovered. A node-readiness signal from the host would close that gap (see the closing note).
    /// </remarks>
    public static DemandGroup Of(NodeGroup group)
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
        }

        return DemandGroup.From(group, target, creating + Math.Max(0, target - live));
    }
}
