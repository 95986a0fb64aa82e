namespace FastScale.Kubernetes.Models;

/// <summary>Every top-level Kubernetes object has metadata; the client and informers key objects by it.</summary>
public interface IKubernetesObject
{
    ObjectMeta? Metadata { get; }
}
