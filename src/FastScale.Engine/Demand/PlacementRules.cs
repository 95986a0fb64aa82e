using System.Globalization;
using FastScale.Engine.Policy;

namespace FastScale.Engine.Demand;

/// <summary>The scheduler's label and taint predicates, applied to a group's template node.</summary>
internal static class PlacementRules
{
    public static bool MatchesNodeSelector(PendingPod pod, IReadOnlyDictionary<string, string> labels)
    {
        foreach (var (key, value) in pod.NodeSelector)
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Terms are ORed, requirements inside a term ANDed; no term at all is no constraint.</summary>
    public static bool MatchesAffinity(PendingPod pod, IReadOnlyDictionary<string, string> labels)
    {
        if (pod.RequiredNodeAffinity.Count == 0)
        {
            return true;
        }

        foreach (var term in pod.RequiredNodeAffinity)
        {
            if (term.MatchExpressions.Count > 0 && term.MatchExpressions.All(r => Matches(r, labels)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first NoSchedule or NoExecute taint the pod does not tolerate; PreferNoSchedule never blocks.</summary>
    public static TaintPolicy? FirstUntoleratedTaint(PendingPod pod, IReadOnlyList<TaintPolicy> taints)
    {
        foreach (var taint in taints)
        {
            if (taint.Effect is "NoSchedule" or "NoExecute" && !pod.Tolerations.Any(t => Tolerates(t, taint)))
            {
                return taint;
            }
        }

        return null;
    }

    public static bool Tolerates(PodToleration toleration, TaintPolicy taint)
    {
        if (toleration.Effect.Length > 0 && toleration.Effect != taint.Effect)
        {
            return false;
        }

        if (toleration.Key.Length == 0)
        {
            return toleration.Operator == TolerationOperator.Exists;
        }

        return toleration.Key == taint.Key
            && (toleration.Operator == TolerationOperator.Exists || toleration.Value == taint.Value);
    }

    private static bool Matches(NodeSelectorRequirement requirement, IReadOnlyDictionary<string, string> labels)
    {
        var present = labels.TryGetValue(requirement.Key, out var value);
        return requirement.Operator switch
        {
            NodeSelectorOperator.In => present && requirement.Values.Contains(value!),
            NodeSelectorOperator.NotIn => !present || !requirement.Values.Contains(value!),
            NodeSelectorOperator.Exists => present,
            NodeSelectorOperator.DoesNotExist => !present,
            NodeSelectorOperator.Gt => present && Compare(value!, requirement.Values) is > 0,
            NodeSelectorOperator.Lt => present && Compare(value!, requirement.Values) is < 0,
            _ => false,
        };
    }

    /// <summary>Gt/Lt compare integers; a label or operand that is not one makes the requirement fail (null).</summary>
    private static int? Compare(string label, IReadOnlyList<string> values) =>
        values.Count == 1
        && long.TryParse(label, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var actual)
        && long.TryParse(values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var bound)
            ? actual.CompareTo(bound)
            : null;
}
