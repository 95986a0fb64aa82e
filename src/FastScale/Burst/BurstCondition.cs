namespace FastScale.Burst;

/// <summary>What a scenario does to the world besides the burst itself (see <see cref="BurstConditions"/>).</summary>
internal enum BurstCondition
{
    /// <summary>A healthy region with the emulator's default limits.</summary>
    None,

    /// <summary>Tight per-action QPS limits, and the first RunInstances calls answered Throttling.User.</summary>
    Throttled,

    /// <summary>The group's first instance type sold out in its first zone.</summary>
    StockOut,

    /// <summary>
    /// The group's first instance type in its first zone answers <c>Zone.NotOnSale</c> to every RunInstances: the same
    /// fallback as <see cref="StockOut"/>, reached through a code the launcher once failed the batch on.
    /// </summary>
    NotOnSale,

    /// <summary>
    /// The vSwitch of the group's first zone has free private IPs for only <see cref="BurstConditions.IpExhaustedShare"/>
    /// of the burst, then answers <c>InvalidVSwitchId.IpNotEnough</c> whatever the type: the rest must come from the
    /// group's other zones.
    /// </summary>
    IpExhausted,

    /// <summary>The group's warm pool sized to the burst and filled before t = 0.</summary>
    Warm,

    /// <summary>A share of instances never boot; repair deadlines shortened so replacements happen within the run.</summary>
    Flaky,

    /// <summary>
    /// More of the burst never boots than the repair brake tolerates (40% against the default 20%): repair must pause and
    /// say so instead of replacing the group wholesale, so this run is expected to end with nodes missing.
    /// </summary>
    Brake,

    /// <summary>The provider dies mid-burst, just after ECS accepted the RunInstances call that brings the cloud to about
    /// half the nodes (its answer is lost), and a new provider takes over from the cloud's tags (see <see cref="ProviderCrash"/>).</summary>
    Restart,

    /// <summary>The API server is out of reach for a while in the middle of the burst (<see cref="BurstFaults.Outage"/>).</summary>
    ApiOutage,

    /// <summary>Every API request is held back for a while (<see cref="BurstFaults.Slowness"/>).</summary>
    ApiSlow,

    /// <summary>A share of the ECS calls fail or time out for a while (<see cref="BurstFaults.Brownout"/>).</summary>
    EcsBrownout,

    /// <summary>
    /// Once the burst's nodes are Ready, the group's image changes and the provider must rotate them under the
    /// workloads' disruption budgets (<see cref="BurstScenario.Rollout"/>); the world runs workloads (ReplicaSets, pod starts).
    /// </summary>
    Rollout,
}
