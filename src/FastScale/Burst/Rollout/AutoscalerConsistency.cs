namespace FastScale.Burst.Rollout;

/// <summary>
/// The group as the autoscaler saw it through a rollout, one gRPC read a sample: the lowest and highest target size,
/// the settled reads whose target did not match the instances listed alive (not being deleted), and the first few of
/// them as read. The two directions differ. A target above the instances is launches reserved (a surge, a scale-out)
/// that RunInstances has not answered yet: the autoscaler counts target − registered as nodes on their way, which they
/// are, so only how long such a deficit stands is judged. A target below them is a surplus the autoscaler could act
/// on; a read straddling a launch can show one once, so two settled reads running are a real disagreement. Reads the
/// group moved under every time are counted, not judged.
/// </summary>
internal sealed record AutoscalerConsistency(
    int Samples, int MinTargetSize, int MaxTargetSize, int Mismatches, int LastingSurpluses, double LongestDeficitSeconds, int MaxDeleting, int Unsettled = 0)
{
    /// <summary>How many mismatched reads are kept to show.</summary>
    public const int Kept = 5;

    public static readonly AutoscalerConsistency None = new(0, int.MaxValue, 0, 0, 0, 0, 0);

    /// <summary>The first <see cref="Kept"/> mismatched reads, with the seconds they were made at.</summary>
    public IReadOnlyList<(double Seconds, AutoscalerGroupView View)> MismatchedReads { get; init; } = [];

    private bool LastSurplus { get; init; }

    private double? DeficitSince { get; init; }

    public AutoscalerConsistency With(AutoscalerGroupView view, double seconds = 0)
    {
        ArgumentNullException.ThrowIfNull(view);
        var seen = this with
        {
            Samples = Samples + 1,
            MinTargetSize = Math.Min(MinTargetSize, view.TargetSize),
            MaxTargetSize = Math.Max(MaxTargetSize, view.TargetSize),
        };
        if (!view.Settled)
        {
            // Neither agreement nor disagreement: the reads before and after it still count as running together.
            return seen with { Unsettled = Unsettled + 1 };
        }

        var surplus = view.TargetSize < view.Alive;
        var deficitSince = view.TargetSize > view.Alive ? DeficitSince ?? seconds : (double?)null;
        return seen with
        {
            Mismatches = Mismatches + (view.TargetSize != view.Alive ? 1 : 0),
            LastingSurpluses = LastingSurpluses + (surplus && LastSurplus ? 1 : 0),
            LongestDeficitSeconds = Math.Max(LongestDeficitSeconds, deficitSince is { } since ? seconds - since : 0),
            MaxDeleting = Math.Max(MaxDeleting, view.Deleting),
            LastSurplus = surplus,
            DeficitSince = deficitSince,
            MismatchedReads = view.TargetSize != view.Alive && MismatchedReads.Count < Kept ? [.. MismatchedReads, (seconds, view)] : MismatchedReads,
        };
    }
}
