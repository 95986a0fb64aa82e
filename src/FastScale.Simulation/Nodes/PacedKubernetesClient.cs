using System.Runtime.CompilerServices;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Models;

namespace FastScale.Simulation.Nodes;

/// <summary>
/// One simulated component's own view of a shared Kubernetes client: its requests wait for its own token bucket (none:
/// unpaced), as a real kubelet or kube-scheduler paces its own client, and are counted with the 429s they get back. A
/// decorator, so no call site can forget either. The shared client underneath should be unpaced, or its budget caps
/// every component together. Disposing this view leaves the shared client alone: its owner disposes it.
/// </summary>
internal sealed class PacedKubernetesClient(IKubernetesApiClient inner, ApiTokenBucket? bucket, ApiRequestCounts counts) : IKubernetesApiClient
{
    private readonly IKubernetesApiClient _inner = inner;
    private readonly ApiTokenBucket? _bucket = bucket;
    private readonly ApiRequestCounts _counts = counts;

    public Task<KubernetesResult<T>> GetAsync<T>(KubernetesResource<T> resource, string? @namespace, string name, CancellationToken cancellationToken)
        where T : class, IKubernetesObject =>
        SendAsync(() => _inner.GetAsync(resource, @namespace, name, cancellationToken), cancellationToken);

    public Task<KubernetesResult<KubernetesList<T>>> ListAsync<T>(KubernetesResource<T> resource, string? @namespace, ListOptions? options, CancellationToken cancellationToken)
        where T : class, IKubernetesObject =>
        SendAsync(() => _inner.ListAsync(resource, @namespace, options, cancellationToken), cancellationToken);

    /// <summary>Page by page through <see cref="ListAsync{T}"/>, so each page is paced and counted as the request it is.</summary>
    public async Task<KubernetesResult<ListSnapshot<T>>> ListAllAsync<T>(KubernetesResource<T> resource, string? @namespace, ListOptions? options, CancellationToken cancellationToken)
        where T : class, IKubernetesObject
    {
        var page = (options ?? new ListOptions()) with { Continue = null };
        var items = new List<T>();
        string? resourceVersion = null;
        while (true)
        {
            var result = await ListAsync(resource, @namespace, page, cancellationToken).ConfigureAwait(false);
            if (!result.IsSuccess)
            {
                return result.Error;
            }

            items.AddRange(result.Value!.Items ?? []);

            // Later pages come from the first page's snapshot; a continue token is refused together with a version.
            resourceVersion ??= result.Value.Metadata?.ResourceVersion ?? "";
            if (result.Value.Metadata?.Continue is not { Length: > 0 } next)
            {
                return KubernetesResult<ListSnapshot<T>>.Success(new ListSnapshot<T>(items, resourceVersion));
            }

            page = page with { Continue = next, ResourceVersion = null };
        }
    }

    /// <summary>Opening the watch is paced and counted; its events are not requests.</summary>
    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync<T>(KubernetesResource<T> resource, string? @namespace, WatchOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class, IKubernetesObject
    {
        await PaceAsync(cancellationToken).ConfigureAwait(false);
        var first = true;
        await foreach (var change in _inner.WatchAsync(resource, @namespace, options, cancellationToken).ConfigureAwait(false))
        {
            // A refused watch arrives as its only event, an Error carrying the HTTP code.
            if (first && change.Type == WatchEventType.Error && change.Error?.Code is { } code)
            {
                _counts.Answered(code);
            }

            first = false;
            yield return change;
        }
    }

    public Task<KubernetesResult<T>> CreateAsync<T>(KubernetesResource<T> resource, T item, CancellationToken cancellationToken)
        where T : class, IKubernetesObject =>
        SendAsync(() => _inner.CreateAsync(resource, item, cancellationToken), cancellationToken);

    public Task<KubernetesResult<T>> ReplaceAsync<T>(KubernetesResource<T> resource, T item, CancellationToken cancellationToken)
        where T : class, IKubernetesObject =>
        SendAsync(() => _inner.ReplaceAsync(resource, item, cancellationToken), cancellationToken);

    public Task<KubernetesResult<T>> PatchAsync<T>(KubernetesResource<T> resource, string? @namespace, string name, ReadOnlyMemory<byte> mergePatchJson, PatchTarget target, CancellationToken cancellationToken)
        where T : class, IKubernetesObject =>
        SendAsync(() => _inner.PatchAsync(resource, @namespace, name, mergePatchJson, target, cancellationToken), cancellationToken);

    public Task<KubernetesResult<DeleteOutcome>> DeleteAsync<T>(KubernetesResource<T> resource, string? @namespace, string name, DeleteOptions? options, bool notFoundIsSuccess, CancellationToken cancellationToken)
        where T : class, IKubernetesObject =>
        SendAsync(() => _inner.DeleteAsync(resource, @namespace, name, options, notFoundIsSuccess, cancellationToken), cancellationToken);

    public Task<KubernetesResult<bool>> BindAsync(string @namespace, string podName, string nodeName, CancellationToken cancellationToken) =>
        SendAsync(() => _inner.BindAsync(@namespace, podName, nodeName, cancellationToken), cancellationToken);

    public Task<KubernetesResult<EvictionAnswer>> EvictAsync(string @namespace, string podName, DeleteOptions? deleteOptions, CancellationToken cancellationToken) =>
        SendAsync(() => _inner.EvictAsync(@namespace, podName, deleteOptions, cancellationToken), cancellationToken);

    /// <summary>The shared client belongs to whoever created it.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<KubernetesResult<T>> SendAsync<T>(Func<Task<KubernetesResult<T>>> send, CancellationToken cancellationToken)
    {
        await PaceAsync(cancellationToken).ConfigureAwait(false);
        var result = await send().ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            _counts.Answered(result.Error.Code);
        }

        return result;
    }

    private async ValueTask PaceAsync(CancellationToken cancellationToken)
    {
        if (_bucket is not null)
        {
            await _bucket.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        _counts.Sent();
    }
}
