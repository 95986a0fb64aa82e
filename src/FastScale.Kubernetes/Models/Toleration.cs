namespace FastScale.Kubernetes.Models;

public sealed record Toleration
{
    public string? Key { get; init; }

    /// <summary>Equal (the default when absent) or Exists.</summary>
    public string? Operator { get; init; }

    public string? Value { get; init; }
    public string? Effect { get; init; }
    public long? TolerationSeconds { get; init; }
}
