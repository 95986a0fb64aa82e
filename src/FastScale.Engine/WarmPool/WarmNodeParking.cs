using FastScale.Engine.Policy;
using FastScale.Engine.Repair;

namespace FastScale.Engine.WarmPool;

/// <summary>
/// When a booted warm-pool instance may be stopped. With <c>warmPool.joinBeforePark</c> it first joins the cluster: it is
/// stopped once its Node has registered and been cordoned (the host's warm-node guard closes it), so that a warm start
/// finds its Node and skips registration. The Node then stays NotReady while the instance waits stopped.
/// </summary>
/// <remarks>
/// The cluster-autoscaler counts every NotReady Node in its cluster health, Nodes of no node group included, and stops
/// scaling altogether once more than <c>--ok-total-unready-count</c> and more than <c>--max-total-unready-percentage</c>
/// of the Nodes are unready. So parked Nodes, all pools together, are kept within
/// <see cref="WarmPoolOptions.ParkedShareOfTolerance"/> of that tolerance (<see cref="UnreadyTolerance"/>); an instance
/// beyond it parks before it joins, as with joinBeforePark off, and pays registration on its warm start. Without a node
/// view (no cluster) every instance parks at once. One gate for all pools: the budget is the cluster's.
/// </remarks>
internal sealed class WarmNodeParking(INodeHealthSource? nodes, UnreadyTolerance tolerance, WarmPoolOptions options, Func<IEnumerable<GroupWarmPool>> pools)
{
    private readonly Lock _gate = new();

    /// <summary>What to do with a booted (Warming) member now.</summary>
    public ParkingStep Decide(GroupWarmPool pool, WarmInstance member, DateTimeOffset now)
    {
        if (nodes is null || !pool.JoinBeforePark)
        {
            return ParkingStep.Park;
        }

        if (!member.Joining)
        {
            // Granting needs a count of the cluster's Nodes; a stale view cannot give one, so park unjoined.
            return nodes.IsCurrent && TryGrant(pool, member.InstanceId) ? ParkingStep.Wait : ParkingStep.Park;
        }

        if (nodes.Find(member.InstanceId) is { Cordoned: true })
        {
            return ParkingStep.Park;
        }

        return nodes.IsCurrent && now - member.Since >= options.JoinTimeout ? ParkingStep.Release : ParkingStep.Wait;
    }

    /// <summary>The most parked Nodes the cluster may hold now.</summary>
    public int Limit() =>
        nodes is null ? 0 : (int)Math.Floor(options.ParkedShareOfTolerance * tolerance.For(nodes.NodeCount));

    private bool TryGrant(GroupWarmPool pool, string instanceId)
    {
        lock (_gate)
        {
            var held = pools().Sum(p => p.CountParkedNodes(id => nodes!.Find(id) is not null));
            return held < Limit() && pool.MarkJoining(instanceId);
        }
    }
}

/// <summary>A booted warm-pool instance's next step (<see cref="WarmNodeParking.Decide"/>).</summary>
internal enum ParkingStep
{
    /// <summary>Stop it now.</summary>
    Park,
    /// <summary>Leave it running: its Node is on its way.</summary>
    Wait,
    /// <summary>Its Node never came: release it, a refill replaces it.</summary>
    Release,
}
