namespace FastScale.Kubernetes.Models;

public sealed record ResourceRequirements
{
    public IReadOnlyDictionary<string, string>? Requests { get; init; }
    public IReadOnlyDictionary<string, string>? Limits { get; init; }
}
