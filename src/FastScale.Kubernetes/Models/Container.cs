namespace FastScale.Kubernetes.Models;

public sealed record Container
{
    public string? Name { get; init; }
    public string? Image { get; init; }
    public ResourceRequirements? Resources { get; init; }
}
