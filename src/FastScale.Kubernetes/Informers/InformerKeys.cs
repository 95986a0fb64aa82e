using FastScale.Kubernetes.Models;

namespace FastScale.Kubernetes.Informers;

/// <summary>Cache keys as client-go writes them: "namespace/name", or "name" for cluster-scoped objects.</summary>
public static class InformerKeys
{
    public static string For(string? @namespace, string name) =>
        string.IsNullOrEmpty(@namespace) ? name : @namespace + "/" + name;

    public static string For(IKubernetesObject item) =>
        For(item.Metadata?.Namespace, item.Metadata?.Name ?? "");
}
