namespace FastScale.Burst.Rollout;

/// <summary>
/// One moment of a rollout, for its timeline (seconds from the image change): the group's old-template nodes still in
/// service, old ones cordoned (draining), new-template nodes (registered), nodes unavailable below the count before the
/// change, and the workload's pods not yet bound and not yet Ready.
/// </summary>
internal sealed record RolloutSample(double Seconds, int Old, int Draining, int New, int Unavailable, int PodsPending, int PodsNotReady);
