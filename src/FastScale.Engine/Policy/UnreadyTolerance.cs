namespace FastScale.Engine.Policy;

/// <summary>
/// How many NotReady Nodes the cluster-autoscaler tolerates before it calls the cluster unhealthy and stops scaling: more
/// than <see cref="OkTotalUnreadyCount"/> and more than <see cref="MaxTotalUnreadyPercentage"/> % of all Nodes is
/// unhealthy. It counts every Node of the cluster, including Nodes of no node group, so a stopped warm-pool instance
/// whose Node stays registered counts too. Defaults are the autoscaler's own defaults for the flags of the same names
/// (<c>--ok-total-unready-count</c> 3, <c>--max-total-unready-percentage</c> 45).
/// </summary>
public sealed class UnreadyTolerance
{
    public int OkTotalUnreadyCount { get; set; } = 3;

    public double MaxTotalUnreadyPercentage { get; set; } = 45;

    /// <summary>The most NotReady Nodes a cluster of <paramref name="nodes"/> Nodes holds and stays healthy.</summary>
    public int For(int nodes) => Math.Max(OkTotalUnreadyCount, (int)Math.Floor(MaxTotalUnreadyPercentage / 100.0 * Math.Max(0, nodes)));
}
