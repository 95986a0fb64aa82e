namespace FastScale.Kubernetes.Client;

public sealed record ListOptions
{
    /// <summary>e.g. "app=web,tier!=cache".</summary>
    public string? LabelSelector { get; init; }

    /// <summary>e.g. "spec.nodeName=,status.phase!=Succeeded".</summary>
    public string? FieldSelector { get; init; }

    /// <summary>Page size; null or 0 asks for everything at once.</summary>
    public int? Limit { get; init; }

    /// <summary>The token from the previous page's metadata.continue.</summary>
    public string? Continue { get; init; }

    /// <summary>"0" lets the server answer from its cache; null asks for the latest (a consistent read).</summary>
    public string? ResourceVersion { get; init; }
}
