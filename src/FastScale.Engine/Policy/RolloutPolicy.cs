namespace FastScale.Engine.Policy;

/// <summary>
/// How a group replaces drifted nodes (nodes launched from an older template): how many extra nodes it may add and how
/// many it may take away at once, how long a drain may take, and when replacement may happen at all.
/// </summary>
public sealed class RolloutPolicy
{
    /// <summary>New nodes a rollout may launch above the group's size at once. Default 10% (rounded up: at least one node).</summary>
    public IntOrPercent MaxSurge { get; set; } = IntOrPercent.Percent(10);

    /// <summary>Nodes a rollout may have cordoned or draining below the group's size at once. Default 0: surge first, then drain.</summary>
    public IntOrPercent MaxUnavailable { get; set; } = IntOrPercent.Count(0);

    /// <summary>How long a drain may take before <see cref="OnDrainTimeout"/> applies. Default 10m.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Default <see cref="DrainTimeoutAction.Wait"/>: a person decides, nothing is evicted against a disruption budget.</summary>
    public DrainTimeoutAction OnDrainTimeout { get; set; } = DrainTimeoutAction.Wait;

    /// <summary>When replacements may start; null (the default) means at any time.</summary>
    public RolloutWindow? Window { get; set; }

    /// <summary>True stops the rollout of this group where it is; drift is still detected and counted.</summary>
    public bool Paused { get; set; }

    /// <summary>True when replacements may start at <paramref name="now"/>: not paused and inside the window, if any.</summary>
    public bool CanReplaceAt(DateTimeOffset now) => !Paused && IsOpen(now);

    /// <summary>True when <paramref name="now"/> is inside the window, or there is no window.</summary>
    public bool IsOpen(DateTimeOffset now) => Window?.IsOpen(now) ?? true;

    /// <summary>
    /// <see cref="MaxSurge"/> and <see cref="MaxUnavailable"/> in nodes for a group of <paramref name="groupSize"/>, the way
    /// Kubernetes resolves a Deployment's (<c>ResolveFenceposts</c> in pkg/controller/deployment/util/deployment_util.go):
    /// surge rounds up, unavailable rounds down, and when both come out 0 (a small group, a percentage rounded down)
    /// unavailable becomes 1, so a rollout can always progress.
    /// </summary>
    public (int Surge, int Unavailable) Resolve(int groupSize)
    {
        var surge = MaxSurge.Resolve(groupSize, roundUp: true);
        var unavailable = MaxUnavailable.Resolve(groupSize, roundUp: false);
        return surge == 0 && unavailable == 0 ? (0, 1) : (surge, unavailable);
    }
}
