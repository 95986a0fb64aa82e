using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Models;

namespace FastScale.Simulation.Tests.Nodes;

/// <summary>
/// Passes every call to a real client and records when (on the given clock) it left the caller, with the object's
/// name, so tests see the moment each request was actually sent, after any pacing above it. When
/// <see cref="Answer"/> is set, calls are answered with that error instead of being sent.
/// </summary>
internal sealed class RecordingKubernetesClient(IKubernetesApiClient inner, TimeProvider time) : IKubernetesApiClient
{
    private readonly ConcurrentQueue<SentRequest> _sent = new();

    public IReadOnlyList<SentRequest> Sent => [.. _sent];

    /// <summary>When set, every call but a watch is answered with this error.</summary>
    public KubernetesApiError? Answer { get; set; }

    public Task<KubernetesResult<T>> GetAsync<T>(KubernetesResource<T> resource, string? @namespace, string name, CancellationToken cancellationToken)
        where T : class, IKubernetesObject =>
        Record("GET", name, () => inner.GetAsync(resource, @namespace, name, cancellationToken));

    public Task<KubernetesResult<KubernetesList<T>>> ListAsync<T>(KubernetesResource<T> resource, string? @namespace, ListOptions? options, CancellationToken cancellationToken)
        where T : class, IKubernetesObject =>
        Record("LIST", null, () => inner.ListAsync(resource, @namespace, options, cancellationToken));

    public Task<KubernetesResult<ListSnapshot<T>>> ListAllAsync<T>(KubernetesResource<T> resource, string? @namespace, ListOptions? options, CancellationToken cancellationToken)
        where T : class, IKubernetesObject =>
        Record("LISTALL", null, () => inner.ListAllAsync(resource, @namespace, options, cancellationToken));

    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync<T>(KubernetesResource<T> resource, string? @namespace, WatchOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class, IKubernetesObject
    {
        _sent.Enqueue(new SentRequest(time.GetUtcNow(), "WATCH", null));
        await foreach (var change in inner.WatchAsync(resource, @namespace, options, cancellationToken))
        {
            yield return change;
        }
    }

    public Task<KubernetesResult<T>> CreateAsync<T>(KubernetesResource<T> resource, T item, CancellationToken cancellationToken)
        where T : class, IKubernetesObject =>
        Record("CREATE", item.Metadata?.Name, () => inner.CreateAsync(resource, item, cancellationToken));

    public Task<KubernetesResult<T>> ReplaceAsync<T>(KubernetesResource<T> resource, T item, CancellationToken cancellationToken)
        where T : class, IKubernetesObject =>
        Record("REPLACE", item.Metadata?.Name, () => inner.ReplaceAsync(resource, item, cancellationToken));

    public Task<KubernetesResult<T>> PatchAsync<T>(KubernetesResource<T> resource, string? @namespace, string name, ReadOnlyMemory<byte> mergePatchJson, PatchTarget target, CancellationToken cancellationToken)
        where T : class, IKubernetesObject =>
        Record("PATCH", name, () => inner.PatchAsync(resource, @namespace, name, mergePatchJson, target, cancellationToken));

    public Task<KubernetesResult<DeleteOutcome>> DeleteAsync<T>(KubernetesResource<T> resource, string? @namespace, string name, DeleteOptions? options, bool notFoundIsSuccess, CancellationToken cancellationToken)
        where T : class, IKubernetesObject =>
        Record("DELETE", name, () => inner.DeleteAsync(resource, @namespace, name, options, notFoundIsSuccess, cancellationToken));

    public Task<KubernetesResult<bool>> BindAsync(string @namespace, string podName, string nodeName, CancellationToken cancellationToken) =>
        Record("BIND", podName, () => inner.BindAsync(@namespace, podName, nodeName, cancellationToken));

    public Task<KubernetesResult<EvictionAnswer>> EvictAsync(string @namespace, string podName, DeleteOptions? deleteOptions, CancellationToken cancellationToken) =>
        Record("EVICT", podName, () => inner.EvictAsync(@namespace, podName, deleteOptions, cancellationToken));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task<KubernetesResult<T>> Record<T>(string verb, string? name, Func<Task<KubernetesResult<T>>> send)
    {
        _sent.Enqueue(new SentRequest(time.GetUtcNow(), verb, name));
        return Answer is { } error ? Task.FromResult(KubernetesResult<T>.Failure(error)) : send();
    }
}

internal sealed record SentRequest(DateTimeOffset At, string Verb, string? Name);
