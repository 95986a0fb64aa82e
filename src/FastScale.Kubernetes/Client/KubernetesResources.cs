using FastScale.Kubernetes.Models;

namespace FastScale.Kubernetes.Client;

/// <summary>The kinds FastScale reads and writes.</summary>
public static class KubernetesResources
{
    private static readonly KubernetesJsonContext Json = KubernetesJsonContext.Default;

    public static KubernetesResource<Node> Nodes { get; } =
        new("/api/v1", "nodes", namespaced: false, Json.Node, Json.KubernetesListNode);

    public static KubernetesResource<Pod> Pods { get; } =
        new("/api/v1", "pods", namespaced: true, Json.Pod, Json.KubernetesListPod);

    public static KubernetesResource<Lease> Leases { get; } =
        new("/apis/coordination.k8s.io/v1", "leases", namespaced: true, Json.Lease, Json.KubernetesListLease);

    public static KubernetesResource<KubernetesEvent> Events { get; } =
        new("/api/v1", "events", namespaced: true, Json.KubernetesEvent, Json.KubernetesListKubernetesEvent);

    public static KubernetesResource<ReplicaSet> ReplicaSets { get; } =
        new("/apis/apps/v1", "replicasets", namespaced: true, Json.ReplicaSet, Json.KubernetesListReplicaSet);
}
