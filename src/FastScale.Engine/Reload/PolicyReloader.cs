using FastScale.Engine.Launch;
using FastScale.Engine.NodeGroups;
using FastScale.Engine.Policy;
using FastScale.Engine.WarmPool;

namespace FastScale.Engine.Reload;

/// <summary>
/// The one way to change the policy in force (<see cref="NodeGroupRegistry.Policy"/>) while the engine runs. Takes a
/// policy the loader already found valid, classifies the change (<see cref="PolicyDiff"/>), checks it against the groups'
/// state, and applies it whole or not at all. Knows nothing of files or signals: the host decides when to reload.
/// </summary>
/// <remarks>
/// Refused, with the old policy kept: a restart-only field (<see cref="PolicyFields"/>); a group added, removed or moved
/// in the preference order (the registry's set of groups, and every per-group component built from it, is fixed at
/// start-up); a <c>maxSize</c> below the group's current target. The last because the autoscaler's contract is
/// min ≤ target ≤ max: it never lowers a target because max fell, and a group answering a target above its max would
/// be neither grown nor shrunk sensibly. Scale the group down first, then lower max. A <c>minSize</c> above the target
/// is applied and the target left alone: the autoscaler raises it (with <c>--enforce-node-group-min-size</c>) or
/// simply stops scaling the group down, as it does for any group below its minimum.
/// </remarks>
public sealed class PolicyReloader
{
    private readonly Lock _gate = new();
    private readonly NodeGroupRegistry _registry;
    private readonly CloudApiBudget? _budget;
    private readonly WarmPoolManager? _warmPools;
    private long _generation = 1;

    /// <param name="budget">Re-paced when pacing changes; null where nothing is paced (tests of the groups alone).</param>
    /// <param name="warmPools">Counted when deciding whether a removed group is empty; null: no warm pools.</param>
    public PolicyReloader(NodeGroupRegistry registry, CloudApiBudget? budget = null, WarmPoolManager? warmPools = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        (_registry, _budget, _warmPools) = (registry, budget, warmPools);
    }

    /// <summary>1 for the start-up policy, +1 per applied reload.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <param name="source">The file the policy came from, to name it in problems.</param>
    public PolicyReloadResult Apply(ScalePolicy next, string source)
    {
        ArgumentNullException.ThrowIfNull(next);
        lock (_gate)
        {
            if (!_registry.IsRecovered)
            {
                // Targets and instances are not known yet, so a maxSize or a removal cannot be judged.
                return new PolicyReloadResult(PolicyReloadOutcome.Refused, null,
                    [new PolicyProblem(source, 0, 0, "nodeGroups", "the groups are still being recovered from the cloud; reload once /readyz answers ready")], Generation);
            }

            var change = PolicyDiff.Between(_registry.Policy, next);
            if (change.IsEmpty)
            {
                return new PolicyReloadResult(PolicyReloadOutcome.Unchanged, change, [], Generation);
            }

            var problems = Refusals(change, next, source);
            if (problems.Count > 0)
            {
                return new PolicyReloadResult(PolicyReloadOutcome.Refused, change, problems, Generation);
            }

            _registry.Apply(next);
            if (change.Runtime.Any(f => f.Path == "pacing"))
            {
                _budget?.Repace(next);
            }

            return new PolicyReloadResult(PolicyReloadOutcome.Applied, change, [], Interlocked.Increment(ref _generation));
        }
    }

    private List<PolicyProblem> Refusals(PolicyChange change, ScalePolicy next, string source)
    {
        var problems = new List<PolicyProblem>();
        foreach (var field in change.NeedsRestart)
        {
            problems.Add(new PolicyProblem(source, 0, 0, field.Path, $"changes only with a restart (in force: {field.Before}, new: {field.After}); restart fastscale serve to use it"));
        }

        foreach (var id in change.AddedGroups)
        {
            problems.Add(new PolicyProblem(source, 0, 0, $"nodeGroups[{next.NodeGroups.FindIndex(g => g.Id == id)}]",
                $"node group '{id}' is new; adding a group needs a restart"));
        }

        foreach (var id in change.RemovedGroups)
        {
            problems.Add(new PolicyProblem(source, 0, 0, "nodeGroups", Removal(_registry.Find(id)!)));
        }

        if (change.GroupOrderChanged)
        {
            problems.Add(new PolicyProblem(source, 0, 0, "nodeGroups", "the groups' preference order changed; reordering groups needs a restart"));
        }

        for (var i = 0; i < next.NodeGroups.Count; i++)
        {
            var policy = next.NodeGroups[i];
            if (_registry.Find(policy.Id) is { } group && policy.MaxSize < group.TargetSize)
            {
                problems.Add(new PolicyProblem(source, 0, 0, $"nodeGroups[{i}].maxSize",
                    $"{policy.MaxSize} is below node group '{policy.Id}''s target size {group.TargetSize}; scale the group down first, then lower maxSize"));
            }
        }

        return problems;
    }

    private string Removal(NodeGroup group)
    {
        var instances = group.Instances.Count;
        var warm = _warmPools?.Status(group.Id) is { } status ? status.Filling + status.Starting + status.Releasing : 0;
        return group.TargetSize > 0 || instances > 0 || warm > 0
            ? $"node group '{group.Id}' is gone from the policy but still has target size {group.TargetSize}, {instances} instance(s) and {warm} warm instance(s); " +
              "scale it to 0 and empty its warm pool first (a group's instances are never abandoned)"
            : $"node group '{group.Id}' is gone from the policy; it is empty, but removing a group needs a restart";
    }
}
