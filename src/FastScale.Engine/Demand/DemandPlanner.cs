namespace FastScale.Engine.Demand;

/// <summary>
/// Turns pending pods into "N more nodes of group G" by first-fit-decreasing bin packing onto each group's template
/// node. Pure: the same pods and groups give the same plan whatever their input order, and nothing is read from outside.
/// </summary>
/// <remarks>
/// Pods are taken largest first. Each pod goes to the first node with room among the free room of each group's Ready
/// nodes and the nodes already holding pods, trying groups in preference order; when none has room, the first suitable group in preference order that can give
/// a node gives one: an empty coming node (launched, not yet Ready) if it has one, else a new node if target + new
/// stays within max. Within a group, capacity already asked for is always used before anything new is asked, and
/// planning the same pods again after the raise asks for nothing (the property tests prove both). A coming node of a
/// later group does not pre-empt a new node of a preferred group: taking it first would make a second plan disagree
/// with the first and ask again.
/// </remarks>
public static class DemandPlanner
{
    public static DemandPlan Plan(IReadOnlyList<PendingPod> pods, IReadOnlyList<DemandGroup> groups)
    {
        var axes = new ResourceAxes(groups, pods);
        var stride = axes.Count;
        var requests = new long[pods.Count * stride];
        for (var i = 0; i < pods.Count; i++)
        {
            axes.Write(pods[i].Requests, requests.AsSpan(i * stride, stride));
        }

        var rooms = groups.Select(axes.RoomOf).ToArray();
        var packings = groups.Select((g, j) => new GroupPacking(g, rooms[j], [.. g.ReadyRoom.Select(free => axes.ReadyRoomOf(free, rooms[j]))])).ToArray();
        var admissible = Admissible(pods, groups, requests, rooms, stride);
        var unplaced = new List<int>();

        foreach (var pod in PackingOrder(pods, requests, rooms, stride))
        {
            if (!TryPlace(pod, packings, admissible, requests, stride))
            {
                unplaced.Add(pod);
            }
        }

        return Result(pods, packings, unplaced, axes, rooms, requests, stride);
    }

    private static bool TryPlace(int pod, GroupPacking[] packings, bool[] admissible, long[] requests, int stride)
    {
        var request = requests.AsSpan(pod * stride, stride);
        var groupCount = packings.Length;
        for (var j = 0; j < groupCount; j++)
        {
            if (!admissible[pod * groupCount + j])
            {
                continue;
            }

            var packing = packings[j];
            var lastShape = packing.LastShapePod >= 0 ? requests.AsSpan(packing.LastShapePod * stride, stride) : [];
            var bin = packing.FindBin(request, pod, lastShape);
            if (bin >= 0)
            {
                packing.Place(bin, pod, request);
                return true;
            }
        }

        for (var j = 0; j < groupCount; j++)
        {
            if (admissible[pod * groupCount + j] && packings[j].CanOpen)
            {
                packings[j].Place(packings[j].Open(), pod, request);
                return true;
            }
        }

        return false;
    }

    /// <summary>Per pod and group: the labels match, every blocking taint is tolerated, and the pod fits an empty node.</summary>
    private static bool[] Admissible(IReadOnlyList<PendingPod> pods, IReadOnlyList<DemandGroup> groups, long[] requests, long[][] rooms, int stride)
    {
        var admissible = new bool[pods.Count * groups.Count];
        for (var i = 0; i < pods.Count; i++)
        {
            var request = requests.AsSpan(i * stride, stride);
            for (var j = 0; j < groups.Count; j++)
            {
                var template = groups[j].Template;
                admissible[i * groups.Count + j] =
                    GroupPacking.Fits(request, rooms[j])
                    && PlacementRules.MatchesNodeSelector(pods[i], template.Labels)
                    && PlacementRules.MatchesAffinity(pods[i], template.Labels)
                    && PlacementRules.FirstUntoleratedTaint(pods[i], template.Taints) is null;
            }
        }

        return admissible;
    }

    /// <summary>
    /// Largest first, by the sum of each request's share of the largest room on its axis; identical vectors end up
    /// adjacent, and names break ties so the order does not depend on the input's.
    /// </summary>
    private static int[] PackingOrder(IReadOnlyList<PendingPod> pods, long[] requests, long[][] rooms, int stride)
    {
        var largest = new double[stride];
        foreach (var room in rooms)
        {
            for (var axis = 0; axis < stride; axis++)
            {
                largest[axis] = Math.Max(largest[axis], room[axis]);
            }
        }

        var scores = new double[pods.Count];
        for (var i = 0; i < pods.Count; i++)
        {
            for (var axis = 0; axis < stride; axis++)
            {
                var amount = requests[i * stride + axis];
                scores[i] += amount == 0 ? 0 : largest[axis] > 0 ? amount / largest[axis] : 1e6;
            }
        }

        var order = new int[pods.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            var byScore = scores[b].CompareTo(scores[a]);
            if (byScore != 0)
            {
                return byScore;
            }

            var byVector = requests.AsSpan(b * stride, stride).SequenceCompareTo(requests.AsSpan(a * stride, stride));
            if (byVector != 0)
            {
                return byVector;
            }

            var (x, y) = (pods[a], pods[b]);
            var byName = string.CompareOrdinal(x.Namespace, y.Namespace);
            byName = byName != 0 ? byName : string.CompareOrdinal(x.Name, y.Name);
            return byName != 0 ? byName : string.CompareOrdinal(x.Uid, y.Uid);
        });
        return order;
    }

    private static DemandPlan Result(
        IReadOnlyList<PendingPod> pods, GroupPacking[] packings, List<int> unplaced, ResourceAxes axes, long[][] rooms, long[] requests, int stride)
    {
        var increases = new List<GroupIncrease>();
        var nodes = new List<PlannedNode>();
        foreach (var packing in packings)
        {
            var placed = 0;
            var onComing = 0;
            var onReady = 0;
            for (var bin = 0; bin < packing.BinCount; bin++)
            {
                var members = packing.PodsOf(bin);
                if (members.Count == 0)
                {
                    continue;
                }

                placed += members.Count;
                onComing += packing.IsComing(bin) ? members.Count : 0;
                onReady += packing.IsReady(bin) ? members.Count : 0;
                nodes.Add(new PlannedNode(packing.Group.Id, packing.IsComing(bin), [.. members.Select(m => pods[m])]) { ReadyIndex = packing.IsReady(bin) ? bin : -1 });
            }

            if (placed > 0)
            {
                var group = packing.Group;
                increases.Add(new GroupIncrease(group.Id, packing.NewBins, placed, onComing, group.ComingNodes, group.TargetSize, group.MaxSize)
                {
                    PodsOnReadyNodes = onReady,
                });
            }
        }

        var reasons = new UnplacedReasonWriter(axes, packings, rooms);
        var unplacedPods = unplaced
            .Select(i => reasons.Explain(pods[i], requests.AsSpan(i * stride, stride)))
            .ToList();
        return new DemandPlan(increases, nodes, unplacedPods);
    }
}
