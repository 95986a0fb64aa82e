using FastScale.Engine.Policy;

namespace FastScale.Engine.Demand;

/// <summary>
/// Says why a pod fits no group, in the terms of the furthest check any group passed (labels, then size, then taints,
/// then max): a GPU pod that lacks the toleration is told about the GPU group's taint, not that the general group has
/// no GPU; one that tolerates it but finds the group full is told "group gpu at max 20".
/// </summary>
internal sealed class UnplacedReasonWriter(ResourceAxes axes, GroupPacking[] packings, long[][] rooms)
{
    public UnplacedPod Explain(PendingPod pod, ReadOnlySpan<long> request)
    {
        if (packings.Length == 0)
        {
            return new UnplacedPod(pod, UnplacedReason.NoMatchingGroup, "no node group is defined");
        }

        var stage = UnplacedReason.NoMatchingGroup;
        var stages = new UnplacedReason[packings.Length];
        var taints = new TaintPolicy?[packings.Length];
        var shortAxis = new int[packings.Length];
        for (var j = 0; j < packings.Length; j++)
        {
            var template = packings[j].Group.Template;
            if (!PlacementRules.MatchesNodeSelector(pod, template.Labels) || !PlacementRules.MatchesAffinity(pod, template.Labels))
            {
                stages[j] = UnplacedReason.NoMatchingGroup;
            }
            else if (FirstShortAxis(request, rooms[j]) is var axis and >= 0)
            {
                stages[j] = UnplacedReason.TooLarge;
                shortAxis[j] = axis;
            }
            else if (PlacementRules.FirstUntoleratedTaint(pod, template.Taints) is { } taint)
            {
                stages[j] = UnplacedReason.UntoleratedTaint;
                taints[j] = taint;
            }
            else
            {
                stages[j] = UnplacedReason.GroupAtMax;
            }

            stage = stages[j] > stage ? stages[j] : stage;
        }

        var at = Enumerable.Range(0, packings.Length).Where(j => stages[j] == stage).ToList();
        var reason = stage switch
        {
            UnplacedReason.NoMatchingGroup => NoMatch(pod, packings),
            UnplacedReason.UntoleratedTaint => string.Join("; ", at.Select(j =>
                $"untolerated taint {Show(taints[j]!)} on group {packings[j].Group.Id}")),
            UnplacedReason.TooLarge => TooLarge(request, at, shortAxis),
            _ => string.Join("; ", at.Select(j =>
                $"group {packings[j].Group.Id} at max {packings[j].Group.MaxSize} (target {packings[j].Group.TargetSize}, {packings[j].NewBins} more planned)")),
        };
        return new UnplacedPod(pod, stage, reason);
    }

    private string TooLarge(ReadOnlySpan<long> request, List<int> at, int[] shortAxis)
    {
        if (at.Count == 0)
        {
            return "no node group is defined";
        }

        var axis = shortAxis[at[0]];
        if (at.All(j => shortAxis[j] == axis))
        {
            var largest = at.Max(j => rooms[j][axis]);
            var name = axes.Name(axis);
            return largest == 0
                ? $"requests {axes.Format(axis, request[axis])} {name}, which no suitable group offers"
                : $"requests {axes.Format(axis, request[axis])} {name}, largest allocatable is {axes.Format(axis, largest)}";
        }

        var parts = new List<string>();
        foreach (var j in at)
        {
            var a = shortAxis[j];
            parts.Add($"group {packings[j].Group.Id}: requests {axes.Format(a, request[a])} {axes.Name(a)}, allocatable {axes.Format(a, rooms[j][a])}");
        }

        return string.Join("; ", parts);
    }

    /// <summary>Names the constraint that rules out every group: the nodeSelector when no group satisfies it alone, else the affinity.</summary>
    private static string NoMatch(PendingPod pod, GroupPacking[] packings)
    {
        if (!packings.Any(p => PlacementRules.MatchesNodeSelector(pod, p.Group.Template.Labels)))
        {
            var selector = string.Join(",", pod.NodeSelector.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
            return $"no group matches nodeSelector {selector}";
        }

        var affinity = string.Join(" or ", pod.RequiredNodeAffinity.Select(t => t.MatchExpressions.Count == 0 ? "(empty term)" : string.Join(",", t.MatchExpressions)));
        return $"no group matches required node affinity {affinity}";
    }

    private static int FirstShortAxis(ReadOnlySpan<long> request, long[] room)
    {
        for (var axis = 0; axis < request.Length; axis++)
        {
            if (request[axis] > room[axis])
            {
                return axis;
            }
        }

        return -1;
    }

    private static string Show(TaintPolicy taint) =>
        taint.Value.Length > 0 ? $"{taint.Key}={taint.Value}:{taint.Effect}" : $"{taint.Key}:{taint.Effect}";
}
