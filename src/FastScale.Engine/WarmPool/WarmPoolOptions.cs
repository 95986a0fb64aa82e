namespace FastScale.Engine.WarmPool;

/// <summary>How warm pools are kept. The size of each group's pool is in the policy (<c>warmPool.size</c>).</summary>
public sealed class WarmPoolOptions
{
    /// <summary>
    /// How long a new warm instance stays Running before it is stopped. Default zero: stopped as soon as it is seen
    /// Running, which suits prebaked images (components in place at boot); a general-purpose image that pulls at first
    /// boot wants its pull time here.
    /// </summary>
    public TimeSpan WarmUpDuration { get; set; } = TimeSpan.Zero;

    /// <summary>Least time between two reads of a pool's creating and stopping instances. Default 2 s (ECS asks for 1-2 s).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Wait after a refill that left slots empty (stock, quota) before trying again. Default 30 s.</summary>
    public TimeSpan RefillRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a pool instance may be missing from DescribeInstances before it is forgotten (ECS reads are eventually
    /// consistent right after RunInstances), and how long a stopping instance still read as Running is believed to be
    /// stopping before the stop is sent again. Default 60 s.
    /// </summary>
    public TimeSpan StaleReadGrace { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// With <c>warmPool.joinBeforePark</c>: how long a booted pool instance may take to register its Node (and have it
    /// cordoned) before it is given up as broken and released; a refill replaces it. Only time while the node view is
    /// current counts as evidence: while the API server is out of reach the instance waits. Default 10 min, the
    /// repairer's registration timeout.
    /// </summary>
    public TimeSpan JoinTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The share of the autoscaler's unready tolerance (<c>provider.autoscalerUnreadyTolerance</c>) that parked warm-pool
    /// Nodes may take, all pools together; the rest stays for Nodes that really fail. Default 0.5. Pool instances beyond
    /// it park before they join.
    /// </summary>
    public double ParkedShareOfTolerance { get; set; } = 0.5;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (JoinTimeout <= TimeSpan.Zero)
        {
            problems.Add($"JoinTimeout must be positive, got {JoinTimeout}");
        }

        if (ParkedShareOfTolerance is < 0 or > 1 || double.IsNaN(ParkedShareOfTolerance))
        {
            problems.Add($"ParkedShareOfTolerance must be between 0 and 1, got {ParkedShareOfTolerance}");
        }

        if (WarmUpDuration < TimeSpan.Zero)
        {
            problems.Add($"WarmUpDuration must not be negative, got {WarmUpDuration}");
        }

        if (PollInterval <= TimeSpan.Zero)
        {
            problems.Add($"PollInterval must be positive, got {PollInterval}");
        }

        if (RefillRetryDelay < TimeSpan.Zero)
        {
            problems.Add($"RefillRetryDelay must not be negative, got {RefillRetryDelay}");
        }

        if (StaleReadGrace < TimeSpan.Zero)
        {
            problems.Add($"StaleReadGrace must not be negative, got {StaleReadGrace}");
        }

        return problems;
    }
}
