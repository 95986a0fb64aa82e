namespace FastScale.Kubernetes.Models;

public sealed record NodeAddress
{
    /// <summary>InternalIP, ExternalIP, Hostname, ...</summary>
    public string? Type { get; init; }
    public string? Address { get; init; }
}
