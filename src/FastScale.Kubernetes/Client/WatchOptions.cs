namespace FastScale.Kubernetes.Client;

public sealed record WatchOptions
{
    public string? LabelSelector { get; init; }
    public string? FieldSelector { get; init; }

    /// <summary>Events after this version are sent; typically the list's or the last event's resourceVersion.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>Ask the server for BOOKMARK events so a resume after a quiet period does not hit 410.</summary>
    public bool AllowWatchBookmarks { get; init; } = true;

    /// <summary>The server ends the stream after this many seconds; null leaves it to the server.</summary>
    public int? TimeoutSeconds { get; init; }
}
