using FastScale.Burst;
using FastScale.Engine.Cloud;
using FastScale.Engine.Policy;

namespace FastScale.Plan;

/// <summary>
/// Copies of a policy with one group or one action's pacing changed, for a sweep's values. The policy types are plain
/// mutable classes shared with the caller, so a change is made on a copy and never leaks into the next value's run.
/// </summary>
internal static class PlanPolicies
{
    public static ScalePolicy WithGroup(ScalePolicy policy, string groupId, Action<NodeGroupPolicy> change)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(change);
        var copy = PolicyCopy.Shallow(policy);
        copy.NodeGroups = [.. policy.NodeGroups.Select(g =>
        {
            if (g.Id != groupId)
            {
                return g;
            }

            var changed = PolicyCopy.Shallow(g);
            changed.WarmPool = new WarmPoolPolicy { Size = g.WarmPool.Size, JoinBeforePark = g.WarmPool.JoinBeforePark };
            changed.InstanceTypes = [.. g.InstanceTypes];
            change(changed);
            return changed;
        })];
        return copy;
    }

    public static ScalePolicy WithPacing(ScalePolicy policy, CloudAction action, ActionPacing pacing)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var copy = PolicyCopy.Shallow(policy);
        copy.Pacing = new Dictionary<CloudAction, ActionPacing>(policy.Pacing) { [action] = pacing };
        return copy;
    }
}
