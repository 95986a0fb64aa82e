namespace FastScale.Kubernetes.Models;

public sealed record Preconditions
{
    public string? Uid { get; init; }
    public string? ResourceVersion { get; init; }
}
