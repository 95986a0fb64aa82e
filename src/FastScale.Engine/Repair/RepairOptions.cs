namespace FastScale.Engine.Repair;

/// <summary>How often the repairer looks. The deadlines and the brake are per group, in the policy (<see cref="Policy.RepairPolicy"/>).</summary>
public sealed class RepairOptions
{
    /// <summary>
    /// Time between repair passes. Default 5 s: a pass reads only memory (the engine and the node informer), and the
    /// deadlines it enforces are minutes long.
    /// </summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Time between reads of every group instance's state from the cloud (DescribeInstances, 100 ids a call, at repair
    /// priority), to find instances stopped or released behind our back. Default 30 s: 5,000 instances cost 50 calls.
    /// </summary>
    public TimeSpan CloudCheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (CheckInterval <= TimeSpan.Zero)
        {
            problems.Add($"CheckInterval must be positive, got {CheckInterval}");
        }

        if (CloudCheckInterval <= TimeSpan.Zero)
        {
            problems.Add($"CloudCheckInterval must be positive, got {CloudCheckInterval}");
        }

        return problems;
    }
}
