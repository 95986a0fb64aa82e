namespace FastScale.Kubernetes.Models;

/// <summary>Only node affinity: pod (anti-)affinity is out of FastScale's planning scope.</summary>
public sealed record Affinity
{
    public NodeAffinity? NodeAffinity { get; init; }
}
