namespace FastScale.Burst.Rollout;

/// <summary>
/// The scale-out of a rollout-scaleout-N run: <see cref="Pods"/> pods needing a node each, created
/// <see cref="AtSeconds"/> after the image change; per pod, the seconds from its creation until the node it was bound to
/// was Ready (0 when it landed on a node already Ready), ascending; a pod never bound counts as never.
/// </summary>
internal sealed record ScaleOutFigures(int Pods, double AtSeconds, IReadOnlyList<double> ReadySeconds)
{
    public PercentileSummary Ready => PercentileSummary.Of(ReadySeconds, Pods);
}
