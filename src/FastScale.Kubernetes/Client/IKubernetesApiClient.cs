using FastScale.Kubernetes.Models;

namespace FastScale.Kubernetes.Client;

/// <summary>Typed access to the Kubernetes API. Every call but <see cref="WatchAsync{T}"/> is paced by the client's
/// QPS/burst budget; a watch waits for a token only to open.</summary>
public interface IKubernetesApiClient : IAsyncDisposable
{
    Task<KubernetesResult<T>> GetAsync<T>(KubernetesResource<T> resource, string? @namespace, string name, CancellationToken cancellationToken)
        where T : class, IKubernetesObject;

    /// <summary>One page. A null namespace on a namespaced kind lists all namespaces.</summary>
    Task<KubernetesResult<KubernetesList<T>>> ListAsync<T>(KubernetesResource<T> resource, string? @namespace, ListOptions? options, CancellationToken cancellationToken)
        where T : class, IKubernetesObject;

    /// <summary>Every page, following <c>continue</c>; the result's resourceVersion is the first page's, the version the
    /// whole (consistent) list reflects and the one to watch from. A 410 while paging means the snapshot expired: list again.</summary>
    Task<KubernetesResult<ListSnapshot<T>>> ListAllAsync<T>(KubernetesResource<T> resource, string? @namespace, ListOptions? options, CancellationToken cancellationToken)
        where T : class, IKubernetesObject;

    /// <summary>Streams events as the server sends them. An HTTP error when opening (e.g. 410 for a too-old
    /// resourceVersion) arrives as a single <see cref="WatchEventType.Error"/> event carrying the Status, the same way a
    /// server reports it inside the stream. The sequence ends when the server closes the stream; a broken connection
    /// throws (HttpRequestException or IOException).</summary>
    IAsyncEnumerable<WatchEvent<T>> WatchAsync<T>(KubernetesResource<T> resource, string? @namespace, WatchOptions options, CancellationToken cancellationToken)
        where T : class, IKubernetesObject;

    /// <summary>POST; the namespace comes from the object's metadata. 409 AlreadyExists when the name is taken.</summary>
    Task<KubernetesResult<T>> CreateAsync<T>(KubernetesResource<T> resource, T item, CancellationToken cancellationToken)
        where T : class, IKubernetesObject;

    /// <summary>PUT of the whole object. With metadata.resourceVersion set, the server applies it only if the stored
    /// object has that version, otherwise 409 Conflict (<see cref="KubernetesApiError.IsConflict"/>): re-read and retry.</summary>
    Task<KubernetesResult<T>> ReplaceAsync<T>(KubernetesResource<T> resource, T item, CancellationToken cancellationToken)
        where T : class, IKubernetesObject;

    /// <summary>JSON merge patch (RFC 7386, application/merge-patch+json): fields present replace, null deletes, lists
    /// are replaced whole.</summary>
    Task<KubernetesResult<T>> PatchAsync<T>(KubernetesResource<T> resource, string? @namespace, string name, ReadOnlyMemory<byte> mergePatchJson, PatchTarget target, CancellationToken cancellationToken)
        where T : class, IKubernetesObject;

    /// <summary>DELETE, optionally with preconditions. With <paramref name="notFoundIsSuccess"/>, a 404 answers
    /// <see cref="DeleteOutcome.AlreadyGone"/> (idempotent deletes).</summary>
    Task<KubernetesResult<DeleteOutcome>> DeleteAsync<T>(KubernetesResource<T> resource, string? @namespace, string name, DeleteOptions? options, bool notFoundIsSuccess, CancellationToken cancellationToken)
        where T : class, IKubernetesObject;

    /// <summary>POST to the pod's <c>binding</c> subresource, as a scheduler assigns a pod: the server sets
    /// spec.nodeName (and PodScheduled=True). 409 Conflict when the pod is already bound, 404 when it is gone.</summary>
    Task<KubernetesResult<bool>> BindAsync(string @namespace, string podName, string nodeName, CancellationToken cancellationToken);

    /// <summary>POST a policy/v1 Eviction to the pod's <c>eviction</c> subresource: the server deletes the pod only if
    /// its PodDisruptionBudget allows. A 429 answers <see cref="EvictionOutcome.Refused"/> and a 404
    /// <see cref="EvictionOutcome.PodGone"/>; other failures (a 500 for a pod under two budgets, 403, a lost
    /// connection) are errors.</summary>
    Task<KubernetesResult<EvictionAnswer>> EvictAsync(string @namespace, string podName, DeleteOptions? deleteOptions, CancellationToken cancellationToken);
}
