namespace FastScale.Engine.Launch;

/// <summary>How an action recovers from a throttle. The per-action QPS and burst come from the policy's pacing.</summary>
public sealed class CloudApiBudgetOptions
{
    /// <summary>
    /// Calls per second while probing after a throttle pause. Default 1: ECS's advice; an action whose own QPS is
    /// lower keeps its own.
    /// </summary>
    public double ProbeQps { get; set; } = 1;

    /// <summary>Successful probes (answers to calls made after the pause) before the full rate returns. Default 3.</summary>
    public int ProbeSuccessesToRecover { get; set; } = 3;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!(ProbeQps > 0))
        {
            problems.Add($"ProbeQps must be positive, got {ProbeQps}");
        }

        if (ProbeSuccessesToRecover < 1)
        {
            problems.Add($"ProbeSuccessesToRecover must be at least 1, got {ProbeSuccessesToRecover}");
        }

        return problems;
    }
}
