using FastScale.Burst;
using FastScale.Engine.Policy;
using FastScale.Serve;

namespace FastScale.Commands;

/// <summary>
/// The policy and node group a <c>burst</c> or <c>plan</c> scenario runs with: <c>--policy FILE</c> (the format of
/// <c>serve --policy</c>) or the embedded sample policy, and <c>--group ID</c> or the policy's first group.
/// </summary>
internal static class ScenarioPolicy
{
    public static (ScalePolicy Policy, BurstScenario Scenario) Resolve(string? policyFile, string? groupId, BurstScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var loaded = policyFile is null ? EmbeddedPolicy.Load() : PolicyLoader.LoadFile(policyFile);
        if (!loaded.IsValid)
        {
            throw new UserError(string.Join(Environment.NewLine, loaded.Problems));
        }

        var policy = loaded.Policy!;
        var group = groupId is null
            ? policy.NodeGroups.FirstOrDefault()
            : policy.NodeGroups.FirstOrDefault(g => g.Id == groupId);
        if (group is null)
        {
            throw new UserError(groupId is null
                ? "the policy has no node group"
                : $"--group: the policy has no node group '{groupId}'; it has {string.Join(", ", policy.NodeGroups.Select(g => g.Id))}");
        }

        // The sample policy is raised to the scenario's size (BurstConditions.PolicyFor: cold-3000 on a group of 1,000);
        // a user's own policy is what they want measured, so a burst beyond its max is refused.
        if (policyFile is not null && scenario.Nodes > group.MaxSize)
        {
            throw new UserError($"--nodes: the policy's group '{group.Id}' has maxSize {group.MaxSize}, got {scenario.Nodes}");
        }

        if (BurstConditions.Unfit(scenario, group) is { } unfit)
        {
            throw new UserError(unfit);
        }

        return (policy, scenario with { GroupId = group.Id });
    }
}
