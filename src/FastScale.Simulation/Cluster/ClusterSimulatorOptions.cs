namespace FastScale.Simulation.Cluster;

/// <summary>Settings of the cluster simulator; every default is what a real API server would roughly do.</summary>
public sealed class ClusterSimulatorOptions
{
    /// <summary>HOST:PORT to listen on (plain HTTP). Default <c>127.0.0.1:0</c>: loopback, a port the OS chooses.</summary>
    public string Listen { get; set; } = "127.0.0.1:0";

    /// <summary>How many past changes a watch can resume from (the "compaction" window). Default 10,000.</summary>
    public int EventHistorySize { get; set; } = 10_000;

    /// <summary>Undelivered events a watcher may have queued before it is dropped as too slow. Default 10,000.</summary>
    public int WatcherBufferSize { get; set; } = 10_000;

    /// <summary>How often a watch that asked for bookmarks gets one. Default 1 minute, as the real server.</summary>
    public TimeSpan BookmarkInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a list's <c>continue</c> token stays valid. Default 5 minutes (etcd's compaction interval).</summary>
    public TimeSpan ContinueTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Paged lists kept for their <c>continue</c> tokens; the oldest is forgotten first. Default 256.</summary>
    public int MaxPagedLists { get; set; } = 256;

    /// <summary>Server-side end of a watch that gave no <c>timeoutSeconds</c>. Default 30 minutes.</summary>
    public TimeSpan DefaultWatchTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How long every write (create, replace, patch, delete, bind) takes before the store applies it and answers. A real
    /// API server's writes go through etcd and slow down under a thousand-node burst; reads and watches are not delayed.
    /// Default zero: the store answers as fast as the process can.
    /// </summary>
    public TimeSpan WriteLatency { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// The <c>Retry-After</c> a refused eviction (429, the budget allows no disruption) carries, in whole seconds.
    /// Default 10 s, the hint the real eviction subresource gives when a budget is still being processed; for the
    /// budget-exhausted case upstream gives none (0), which <see cref="TimeSpan.Zero"/> reproduces.
    /// </summary>
    public TimeSpan EvictionRetryAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Seed for uids and generated names, so runs repeat. Default 1.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>TLS and authentication; null (the default): plain HTTP and any request served.</summary>
    public ClusterSimulatorSecurity? Security { get; set; }

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>(Security?.Validate() ?? []);
        if (EventHistorySize < 1)
        {
            problems.Add($"EventHistorySize must be at least 1 (got {EventHistorySize})");
        }

        if (WatcherBufferSize < 1)
        {
            problems.Add($"WatcherBufferSize must be at least 1 (got {WatcherBufferSize})");
        }

        if (BookmarkInterval <= TimeSpan.Zero)
        {
            problems.Add($"BookmarkInterval must be positive (got {BookmarkInterval})");
        }

        if (ContinueTokenLifetime <= TimeSpan.Zero)
        {
            problems.Add($"ContinueTokenLifetime must be positive (got {ContinueTokenLifetime})");
        }

        if (MaxPagedLists < 1)
        {
            problems.Add($"MaxPagedLists must be at least 1 (got {MaxPagedLists})");
        }

        if (WriteLatency < TimeSpan.Zero)
        {
            problems.Add($"WriteLatency must not be negative (got {WriteLatency})");
        }

        if (EvictionRetryAfter < TimeSpan.Zero || EvictionRetryAfter.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            problems.Add($"EvictionRetryAfter must be whole seconds, not negative (got {EvictionRetryAfter})");
        }

        if (DefaultWatchTimeout <= TimeSpan.Zero)
        {
            problems.Add($"DefaultWatchTimeout must be positive (got {DefaultWatchTimeout})");
        }

        return problems;
    }
}
