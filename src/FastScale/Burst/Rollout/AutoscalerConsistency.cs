namespace FastScale.Burst.Rollout;

/// <summary>
/// The group as the autoscaler saw it through a rollout, one gRPC read a sample: the lowest and highest target size,
/// the reads whose target did not match the instances listed alive (not being deleted), and how many of those followed
/// another (a read is two calls, so a launch between them can show once; twice in a row is a real disagreement). The
/// autoscaler takes target − registered as nodes on their way, so a target below the alive instances would read as
/// surplus it may scale down, and one above them as a deficit it waits on.
/// </summary>
internal sealed record AutoscalerConsistency(int Samples, int MinTargetSize, int MaxTargetSize, int Mismatches, int LastingMismatches, int MaxDeleting)
{
    public static readonly AutoscalerConsistency None = new(0, int.MaxValue, 0, 0, 0, 0);

    private bool LastMismatched { get; init; }

    public AutoscalerConsistency With(AutoscalerGroupView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var mismatched = view.TargetSize != view.Alive;
        return new AutoscalerConsistency(
            Samples + 1, Math.Min(MinTargetSize, view.TargetSize), Math.Max(MaxTargetSize, view.TargetSize),
            Mismatches + (mismatched ? 1 : 0), LastingMismatches + (mismatched && LastMismatched ? 1 : 0), Math.Max(MaxDeleting, view.Deleting))
        {
            LastMismatched = mismatched,
        };
    }
}
