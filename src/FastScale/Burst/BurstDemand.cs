namespace FastScale.Burst;

/// <summary>How the demand of a scenario appears at t = 0.</summary>
internal enum BurstDemand
{
    /// <summary>The autoscaler calls NodeGroupIncreaseSize with the whole burst (it has already seen the pods).</summary>
    IncreaseSize,

    /// <summary>Pending pods appear in the cluster, one per node; FastScale's fast mode acts on them by itself.</summary>
    PendingPods,
}
