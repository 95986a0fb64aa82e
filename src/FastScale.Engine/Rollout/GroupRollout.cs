using FastScale.Engine.Policy;

namespace FastScale.Engine.Rollout;

/// <summary>
/// What the rollout remembers of one group between passes. Only <see cref="Offset"/> changes the group's accounting:
/// the rest is timing (surges, drains) and what was last said, so that each change of state is logged once.
/// </summary>
/// <remarks>
/// <see cref="Offset"/> is how far the rollout has moved the group's target from the size the autoscaler asked for:
/// +1 for each surge launched, −1 for each drained node retired. The autoscaler's size is the target minus the offset.
/// It lives in memory only: after a restart during a rollout the surge nodes count as the autoscaler's, and the group
/// ends up to one surge above its size, which the autoscaler scales down as unneeded.
/// </remarks>
internal sealed class GroupRollout
{
    private readonly Lock _gate = new();
    private int _offset;

    public int Offset { get { lock (_gate) { return _offset; } } }

    public void Move(int delta)
    {
        lock (_gate)
        {
            _offset += delta;
        }
    }

    /// <summary>When each surge instance was first seen not Ready: its registration deadline counts from here.</summary>
    public Dictionary<string, DateTimeOffset> SurgeSeen { get; } = new(StringComparer.Ordinal);

    /// <summary>Drains in flight (their tasks are running).</summary>
    public HashSet<string> Draining { get; } = new(StringComparer.Ordinal);

    /// <summary>Drains that timed out with <c>onDrainTimeout: wait</c>, and when to try them again.</summary>
    public Dictionary<string, DateTimeOffset> DrainAgainAt { get; } = new(StringComparer.Ordinal);

    public RolloutState State { get; set; } = RolloutState.Idle;

    /// <summary>Why it halted; null while not halted.</summary>
    public string? HaltReason { get; set; }

    /// <summary>The policy in force when it halted: a reload swaps it, and that resumes the rollout.</summary>
    public NodeGroupPolicy? HaltedUnder { get; set; }

    /// <summary>Seen paused since the halt: un-pausing resumes.</summary>
    public bool PausedSinceHalt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public int Replaced;

    /// <summary>Figures for the metrics, written by each pass.</summary>
    public RolloutCounts Counts { get; set; }
}

/// <summary>A group's nodes by template, as the last pass counted them.</summary>
public readonly record struct RolloutCounts(int Old, int New, int Draining, int Surge);
