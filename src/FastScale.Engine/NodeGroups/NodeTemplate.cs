using FastScale.Engine.Policy;

namespace FastScale.Engine.NodeGroups;

/// <summary>
/// What a new node of the group will look like: the autoscaler simulates scale-ups (and scale from zero) on it,
/// and the demand planner bin-packs pods onto it. Quantities are in Kubernetes' canonical string form.
/// </summary>
public sealed record NodeTemplate(
    string Name,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<TaintPolicy> Taints,
    IReadOnlyDictionary<string, string> Capacity,
    IReadOnlyDictionary<string, string> Allocatable);
