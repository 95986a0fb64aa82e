using FastScale.Engine.Policy;

namespace FastScale.Engine.Demand;

/// <summary>How fast mode batches pod changes into decisions.</summary>
public sealed class DemandOptions
{
    /// <summary>Decide once pod changes pause this long. Default 50 ms (policy provider.fastModeWindow.idle).</summary>
    public TimeSpan Idle { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Decide at the latest this long after the first change of a window. Default 500 ms (provider.fastModeWindow.max).</summary>
    public TimeSpan Max { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The first window of a burst (no decision in the last <see cref="Max"/>) closes at the latest this long after its
    /// first change (or at <see cref="Max"/> when that is shorter). A scheduler marks a thousand pods unschedulable over a
    /// second or more, a stream that never pauses for <see cref="Idle"/>: with only <see cref="Max"/> the first cloud
    /// call would wait the whole of it. The first decision goes early on the pods seen so far; the rest of the burst
    /// coalesces in <see cref="Max"/> windows, each planning over every pending pod with the nodes already coming.
    /// Default 50 ms: as long as <see cref="Idle"/>'s default, so a burst's first call costs one idle window at most.
    /// </summary>
    public TimeSpan FirstMax { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// How often, with no pod change, the groups are checked for a change that matters to pending pods (a target
    /// lowered, a failed creation given up, the groups recovered). Default 1 s.
    /// </summary>
    public TimeSpan GroupCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// While pods are pending and nothing changes, how often a plan checks that they still have capacity. A pod can lose
    /// the node it was planned onto without any pod change (another pod, never unschedulable, bound to that node's free
    /// room first); only a shortfall seen by two checks in a row is raised, so a pod bound a moment before the pending
    /// pods' watch says so is never taken for one. Default 2 s.
    /// </summary>
    public TimeSpan RecheckInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A pod left over only because its groups are at max is reported (log, metric, Event) once it has been so this long.
    /// In a burst up to max, a node turns Ready a moment before the scheduler binds its pods: in that moment the pods
    /// look like demand beyond max, though they are about to run. Other reasons (no group matches, too large, a taint)
    /// do not come and go like that and are reported at once. Default 10 s; zero reports at once.
    /// </summary>
    public TimeSpan AtMaxReportDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Decisions kept for <see cref="DemandMetrics.Recent"/>. Default 64.</summary>
    public int RecentDecisions { get; set; } = 64;

    public static DemandOptions From(ProviderSettings provider) => new() { Idle = provider.FastModeIdle, Max = provider.FastModeMax };

    /// <returns>Every problem, empty when valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Idle <= TimeSpan.Zero)
        {
            problems.Add($"Idle must be positive, got {Idle}");
        }

        if (Max < Idle)
        {
            problems.Add($"Max ({Max}) must not be below Idle ({Idle})");
        }

        if (FirstMax <= TimeSpan.Zero)
        {
            problems.Add($"FirstMax must be positive, got {FirstMax}");
        }

        if (RecheckInterval <= TimeSpan.Zero)
        {
            problems.Add($"RecheckInterval must be positive, got {RecheckInterval}");
        }

        if (GroupCheckInterval <= TimeSpan.Zero)
        {
            problems.Add($"GroupCheckInterval must be positive, got {GroupCheckInterval}");
        }

        if (AtMaxReportDelay < TimeSpan.Zero)
        {
            problems.Add($"AtMaxReportDelay must not be negative, got {AtMaxReportDelay}");
        }

        if (RecentDecisions < 1)
        {
            problems.Add($"RecentDecisions must be at least 1, got {RecentDecisions}");
        }

        return problems;
    }
}
