namespace FastScale.Engine.Rollout;

/// <summary>How often the rollout looks at its groups. What a rollout may do is each group's policy (<c>rollout:</c>).</summary>
public sealed class RolloutOptions
{
    /// <summary>Between passes. Default 2 s: a replacement turning Ready is acted on within that, against minutes of drain.</summary>
    public TimeSpan CheckInterval { get; init; } = TimeSpan.FromSeconds(2);

    public IReadOnlyList<string> Validate() =>
        CheckInterval > TimeSpan.Zero ? [] : [$"checkInterval must be positive, got {CheckInterval}"];
}
