using System.Threading.Channels;
using FastScale.Kubernetes.Models;

namespace FastScale.Kubernetes.Informers;

/// <summary>A local, always-current copy of one kind, kept by list-then-watch. Readers never call the API: every
/// read is a dictionary lookup.</summary>
public interface IInformer<T>
    where T : class, IKubernetesObject
{
    /// <summary>True once the first full list is in the cache.</summary>
    bool HasSynced { get; }

    /// <summary>
    /// True while the cache follows the server: synced, and no list or watch has failed since the last one that
    /// succeeded. False while the API server cannot be reached: the cache then shows the cluster as it was, and a reader
    /// that acts on what is missing or stale (repair) must wait. Informers that cannot lose their source keep the default.
    /// </summary>
    bool IsCurrent => HasSynced;

    /// <summary>The last resourceVersion seen (list, event or bookmark): where the next watch resumes.</summary>
    string? ResourceVersion { get; }

    int Count { get; }

    Task WaitForSyncAsync(CancellationToken cancellationToken);

    /// <summary>By key: "namespace/name", or "name" for cluster-scoped kinds (see <see cref="InformerKeys"/>).</summary>
    T? Get(string key);

    IReadOnlyList<T> List();

    /// <summary>Objects whose index function returned <paramref name="value"/> for index <paramref name="indexName"/>.</summary>
    IReadOnlyList<T> GetByIndex(string indexName, string value);

    /// <summary>A channel of every change from now on. With <paramref name="replayExisting"/>, first a synthetic Added
    /// for each cached object, so a late subscriber still sees the whole picture exactly once.</summary>
    ChannelReader<InformerChange<T>> Subscribe(bool replayExisting = true);

    /// <summary>Lists, then watches and recovers until cancelled. Call once.</summary>
    Task RunAsync(CancellationToken cancellationToken);
}
