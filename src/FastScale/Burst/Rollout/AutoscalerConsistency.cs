namespace FastScale.Burst.Rollout;

/// <summary>
/// The group as the autoscaler saw it through a rollout, one gRPC read a sample: the lowest and highest target size,
/// the settled reads whose target did not match the instances listed alive (not being deleted), how many of those
/// followed another such read (a launch between the calls of a read can show once; twice running is a real
/// disagreement), the first few of them as read, and the reads the group moved under every time (counted, not judged).
/// The autoscaler takes target − registered as nodes on their way, so a target below the alive instances would read as
/// surplus it may scale down, and one above them as a deficit it waits on.
/// </summary>
internal sealed record AutoscalerConsistency(
    int Samples, int MinTargetSize, int MaxTargetSize, int Mismatches, int LastingMismatches, int MaxDeleting, int Unsettled = 0)
{
    /// <summary>How many mismatched reads are kept to show.</summary>
    public const int Kept = 5;

    public static readonly AutoscalerConsistency None = new(0, int.MaxValue, 0, 0, 0, 0);

    /// <summary>The first <see cref="Kept"/> mismatched reads, with the seconds they were made at.</summary>
    public IReadOnlyList<(double Seconds, AutoscalerGroupView View)> MismatchedReads { get; init; } = [];

    private bool LastMismatched { get; init; }

    public AutoscalerConsistency With(AutoscalerGroupView view, double seconds = 0)
    {
        ArgumentNullException.ThrowIfNull(view);
        var targets = (Math.Min(MinTargetSize, view.TargetSize), Math.Max(MaxTargetSize, view.TargetSize));
        if (!view.Settled)
        {
            // Neither agreement nor disagreement: the reads before and after it still count as running together.
            return this with { Samples = Samples + 1, MinTargetSize = targets.Item1, MaxTargetSize = targets.Item2, Unsettled = Unsettled + 1 };
        }

        var mismatched = view.TargetSize != view.Alive;
        return new AutoscalerConsistency(
            Samples + 1, targets.Item1, targets.Item2,
            Mismatches + (mismatched ? 1 : 0), LastingMismatches + (mismatched && LastMismatched ? 1 : 0), Math.Max(MaxDeleting, view.Deleting), Unsettled)
        {
            LastMismatched = mismatched,
            MismatchedReads = mismatched && MismatchedReads.Count < Kept ? [.. MismatchedReads, (seconds, view)] : MismatchedReads,
        };
    }
}
