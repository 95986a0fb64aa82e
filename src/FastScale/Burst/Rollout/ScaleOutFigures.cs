namespace FastScale.Burst.Rollout;

/// <summary>
/// The scale-out of a rollout-scaleout-N run: <see cref="Pods"/> pods needing a node each, created
/// <see cref="AtSeconds"/> after the image change; per pod, the seconds from its creation until the node it was bound to
/// was Ready (0 when it landed on a node already Ready), ascending; a pod never bound counts as never.
/// <see cref="AddedSeconds"/>: for each pod on a node launched after the pod was created, those seconds minus the node's
/// own cloud and OS phases as the latency model drew them (provisioning, boot, registration, readiness): the time the
/// provider and the region's queue added, which does not depend on which draws a run's instances got.
/// </summary>
internal sealed record ScaleOutFigures(int Pods, double AtSeconds, IReadOnlyList<double> ReadySeconds, IReadOnlyList<double>? AddedSeconds = null)
{
    public PercentileSummary Ready => PercentileSummary.Of(ReadySeconds, Pods);

    /// <summary>The P90 of <see cref="AddedSeconds"/> (null when no pod needed a new node).</summary>
    public double? AddedP90 => AddedSeconds is { Count: > 0 } added ? Percentiles.Of(added, 0.9, added.Count) : null;
}
