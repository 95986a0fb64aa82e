namespace FastScale.Kubernetes.Models;

/// <summary>The body of <c>POST pods/{name}/binding</c>: what a scheduler sends to assign a pod to a node.</summary>
public sealed record Binding
{
    public string? ApiVersion { get; init; } = "v1";
    public string? Kind { get; init; } = "Binding";
    public ObjectMeta? Metadata { get; init; }
    public ObjectReference? Target { get; init; }
}
