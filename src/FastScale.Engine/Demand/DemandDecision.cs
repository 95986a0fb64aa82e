namespace FastScale.Engine.Demand;

/// <summary>One raise of a group's target by fast mode.</summary>
/// <param name="SinceOldestPod">From the oldest pod this raise is for becoming unschedulable to the IncreaseSize call:
/// the part of "pending pod → node" that FastScale itself decides.</param>
public sealed record DemandDecision(
    string GroupId,
    int Delta,
    int TargetAfter,
    GroupIncrease Numbers,
    TimeSpan SinceOldestPod,
    DateTimeOffset At);
