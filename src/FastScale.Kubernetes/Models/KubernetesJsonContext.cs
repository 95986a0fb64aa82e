using System.Text.Json.Serialization;

namespace FastScale.Kubernetes.Models;

/// <summary>Source-generated serialization for every model: camelCase names, nulls left out (which also makes a typed
/// object a valid JSON merge patch that touches only the fields set).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(Node))]
[JsonSerializable(typeof(Pod))]
[JsonSerializable(typeof(Lease))]
[JsonSerializable(typeof(KubernetesEvent))]
[JsonSerializable(typeof(KubernetesList<Node>))]
[JsonSerializable(typeof(KubernetesList<Pod>))]
[JsonSerializable(typeof(KubernetesList<Lease>))]
[JsonSerializable(typeof(KubernetesList<KubernetesEvent>))]
[JsonSerializable(typeof(ReplicaSet))]
[JsonSerializable(typeof(KubernetesList<ReplicaSet>))]
[JsonSerializable(typeof(Status))]
[JsonSerializable(typeof(DeleteOptions))]
[JsonSerializable(typeof(Binding))]
[JsonSerializable(typeof(Eviction))]
public sealed partial class KubernetesJsonContext : JsonSerializerContext;
