namespace FastScale.Burst;

/// <summary>
/// One burst: <see cref="Nodes"/> nodes of group <see cref="GroupId"/> from a standing start, demanded as
/// <see cref="Demand"/> says, in a world set up as <see cref="Condition"/> says. <see cref="Timeout"/> is in emulated time; a run that has not got every node Ready by then
/// ends and reports what it has.
/// </summary>
/// <param name="Faults">What breaks in the middle of the burst, and when; null: nothing.</param>
/// <param name="Rollout">What happens once the burst's nodes are Ready (rollout-N: an image rollout); null: nothing, the run ends.</param>
internal sealed record BurstScenario(
    string Name, BurstDemand Demand, int Nodes, string GroupId = "general", BurstCondition Condition = BurstCondition.None, BurstFaults? Faults = null,
    Rollout.RolloutSpec? Rollout = null)
{
    /// <summary>Generous: the naive baseline needs about Nodes / 10 s just to ask for them, then the phases.</summary>
    public TimeSpan Timeout => Condition == BurstCondition.Brake
        ? 2 * BurstConditions.FlakyRegistrationTimeout(Nodes) // past every deadline, then stop: the rest never comes
        : TimeSpan.FromSeconds(180 + (Nodes / 5.0));

    /// <summary>False where the scenario is built so that some nodes never get Ready (the repair brake's).</summary>
    public bool ExpectsAllReady => Condition != BurstCondition.Brake;
}
