namespace FastScale.Kubernetes.Models;

/// <summary>The body of a DELETE: preconditions make a delete conditional on uid and/or resourceVersion.</summary>
public sealed record DeleteOptions
{
    public string? ApiVersion { get; init; } = "v1";
    public string? Kind { get; init; } = "DeleteOptions";
    public Preconditions? Preconditions { get; init; }
    public long? GracePeriodSeconds { get; init; }

    /// <summary>Orphan, Background or Foreground.</summary>
    public string? PropagationPolicy { get; init; }
}
