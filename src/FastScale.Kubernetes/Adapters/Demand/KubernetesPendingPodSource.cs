using FastScale.Engine.Demand;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Informers;
using FastScale.Kubernetes.Models;
using Microsoft.Extensions.Logging;

namespace FastScale.Kubernetes.Adapters.Demand;

/// <summary>
/// The engine's pending pods, read from a pod informer that lists and watches only pods not bound to a node and not
/// finished. Each informer change is mapped once; pods the scheduler has not marked Unschedulable are not pending.
/// A pod nominated to a node that exists is waiting for preemption there, not for a new node: it goes to the
/// <see cref="NominatedPodLedger"/> instead (as the cluster-autoscaler treats it as scheduled on that node).
/// </summary>
/// <remarks>Run <see cref="RunAsync"/> (it also runs the informer) from the composition root, next to the controller.</remarks>
internal sealed class KubernetesPendingPodSource : IPendingPodSource
{
    /// <summary>Unbound and unfinished pods: the API server filters, so a 5,000-node cluster's running pods never reach us.</summary>
    public const string FieldSelector = "spec.nodeName=,status.phase!=Succeeded,status.phase!=Failed";

    private readonly IInformer<Pod> _informer;
    private readonly PendingPodSet _pending = new();
    private readonly NominatedPodLedger? _nominated;
    private readonly Func<string, bool> _nodeExists;

    /// <param name="nominated">Where nominated pods go; null: a nominated pod is pending like any other.</param>
    /// <param name="nodeExists">Whether a Node of that name exists now (a nomination to a node that is gone is void).</param>
    public KubernetesPendingPodSource(IInformer<Pod> informer, NominatedPodLedger? nominated = null, Func<string, bool>? nodeExists = null)
    {
        _informer = informer;
        _nominated = nominated;
        _nodeExists = nodeExists ?? (_ => true);
    }

    public IDisposable Subscribe(Action<PendingPodChange> onChange) => _pending.Subscribe(onChange);

    /// <summary>Unbound pods in the informer's cache, Unschedulable or not: what this watch holds in memory.</summary>
    public int CachedPods => _informer.Count;

    public static IInformer<Pod> CreateInformer(IKubernetesApiClient client, TimeProvider time, ILoggerFactory? loggerFactory = null) =>
        InformerFactory.Create(client, KubernetesResources.Pods, new InformerOptions { FieldSelector = FieldSelector }, timeProvider: time, loggerFactory: loggerFactory);

    public IReadOnlyList<PendingPod> Snapshot() => _pending.Snapshot();

    /// <summary>
    /// Stale only once it has followed the cluster and lost it: before the first list the snapshot is empty, which raises
    /// nothing, so there is nothing to hold back (and no outage to warn about).
    /// </summary>
    public bool IsCurrent => !_informer.HasSynced || _informer.IsCurrent;

    /// <summary>Runs the informer and turns its changes into pending-pod changes until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var subscription = _informer.Subscribe(replayExisting: true);
        var informer = _informer.RunAsync(cancellationToken);
        try
        {
            await foreach (var change in subscription.ReadAllAsync(cancellationToken))
            {
                Apply(change);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            await informer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    internal void Apply(InformerChange<Pod> change)
    {
        var uid = change.Object.Metadata?.Uid ?? change.Previous?.Metadata?.Uid;
        if (string.IsNullOrEmpty(uid))
        {
            return;
        }

        if (change.Type != InformerChangeType.Deleted && _nominated is not null && NominatedNode(change.Object) is { } node)
        {
            _nominated.Put(uid, node, PendingPodMapper.Requests(change.Object.Spec!));
            _pending.Remove(uid);
            return;
        }

        _nominated?.Remove(uid);
        if ((change.Type == InformerChangeType.Deleted ? null : PendingPodMapper.TryMap(change.Object)) is { } pod)
        {
            _pending.Put(pod);
        }
        else
        {
            _pending.Remove(uid);
        }
    }

    private string? NominatedNode(Pod pod) =>
        pod.Spec is not null && pod.Status?.NominatedNodeName is { Length: > 0 } node && _nodeExists(node) ? node : null;
}
