namespace FastScale.Kubernetes.Informers;

/// <summary>What an informer watches and how it recovers.</summary>
public sealed class InformerOptions
{
    /// <summary>Null: cluster-scoped kinds, or every namespace of a namespaced kind.</summary>
    public string? Namespace { get; set; }

    public string? LabelSelector { get; set; }
    public string? FieldSelector { get; set; }

    /// <summary>Items per list page. Default 500, as kubectl and client-go use.</summary>
    public int PageSize { get; set; } = 500;

    /// <summary>Asks the server to end each watch after this long (stretched by up to 2x with jitter so many informers
    /// do not reconnect together). Default 5 minutes.</summary>
    public TimeSpan WatchTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>First wait after a failed list or a watch that failed or ended without progress. Default 1 s.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The wait doubles per consecutive failure up to this. Default 30 s.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (PageSize < 1)
        {
            problems.Add($"PageSize must be at least 1, got {PageSize}");
        }

        if (WatchTimeout < TimeSpan.FromSeconds(1))
        {
            problems.Add($"WatchTimeout must be at least 1 s, got {WatchTimeout}");
        }

        if (InitialBackoff <= TimeSpan.Zero)
        {
            problems.Add($"InitialBackoff must be positive, got {InitialBackoff}");
        }

        if (MaxBackoff < InitialBackoff)
        {
            problems.Add($"MaxBackoff ({MaxBackoff}) must not be below InitialBackoff ({InitialBackoff})");
        }

        return problems;
    }
}
