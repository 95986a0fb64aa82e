using System.Collections.Concurrent;
using FastScale.Kubernetes.Adapters.Nodes;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Informers;
using FastScale.Kubernetes.Models;

namespace FastScale.Burst;

/// <summary>
/// The driver's own watch on the cluster's Nodes: readiness comes from the Kubernetes API, not from FastScale's
/// bookkeeping. Each node is stamped with the driver's clock when it is first seen (registered) and when Ready=True is
/// first seen. The Ready condition's lastTransitionTime would serve too, but Kubernetes times have whole-second
/// precision, which at a thousand nodes over a minute blurs the percentiles; the watch sees changes within milliseconds.
/// Ready is <see cref="NodeReady"/>'s, the provider's own definition (the autoscaler too counts a node still tainted
/// not-ready as not started); a cordoned node does not count on top of that: a warm-pool instance's node is kept
/// cordoned until a scale-out takes it. Nodes are matched to instances by <see cref="NodeIndexes.InstanceIdOf"/>, so
/// either providerID form is followed.
/// </summary>
internal sealed class NodeReadinessWatch(IKubernetesApiClient client, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _registered = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _ready = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _cordoned = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _deleted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _registeredBefore = new(StringComparer.Ordinal);
    private readonly IInformer<Node> _informer = InformerFactory.Create(client, KubernetesResources.Nodes, timeProvider: time, random: new Random(7).NextDouble);

    public int ReadyCount => _ready.Count;

    /// <summary>Instance id → when its Node was first seen; a Node that existed at the last <see cref="Reset"/> registered
    /// before t = 0 (a warm-pool instance that joined before it parked) and has no stamp unless it registers anew.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> RegisteredAt => _registered;

    /// <summary>Instance id → when its Node was first seen Ready and schedulable.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> ReadyAt => _ready;

    /// <summary>Instance id → when its Node was first seen cordoned (a rollout's drains start there).</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> CordonedAt => _cordoned;

    /// <summary>Instance id → when its Node was seen deleted.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> DeletedAt => _deleted;

    /// <summary>The Nodes as the watch sees them now (a rollout's probe reads their readiness and cordons here).</summary>
    public IReadOnlyList<Node> Nodes() => _informer.List();

    /// <summary>Instance ids whose Node is Ready now, cordoned or not.</summary>
    public IReadOnlySet<string> InstancesReadyNow() =>
        _informer.List().Where(NodeReady.IsReady).Select(NodeIndexes.InstanceIdOf).OfType<string>().ToHashSet(StringComparer.Ordinal);

    /// <summary>Forgets every stamp: what happened before t = 0 (a warm pool being prepared) is not the burst's.</summary>
    public void Reset()
    {
        _registered.Clear();
        _ready.Clear();
        _cordoned.Clear();
        _deleted.Clear();
        _registeredBefore.Clear();
        foreach (var id in InstancesWithNodes())
        {
            _registeredBefore[id] = true;
        }
    }

    /// <summary>Instance ids that have a Node now.</summary>
    public IReadOnlySet<string> InstancesWithNodes() =>
        _informer.List().Select(NodeIndexes.InstanceIdOf).OfType<string>().ToHashSet(StringComparer.Ordinal);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var changes = _informer.Subscribe(replayExisting: true);
        var informer = Task.Run(() => _informer.RunAsync(cancellationToken), cancellationToken);
        try
        {
            await foreach (var change in changes.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (NodeIndexes.InstanceIdOf(change.Object) is not { } instanceId)
                {
                    continue;
                }

                var now = time.GetUtcNow();
                if (change.Type == InformerChangeType.Deleted)
                {
                    _registeredBefore.TryRemove(instanceId, out _);
                    _deleted.TryAdd(instanceId, now);
                    continue;
                }

                if (change.Object.Spec?.Unschedulable == true)
                {
                    _cordoned.TryAdd(instanceId, now);
                }

                if (!_registeredBefore.ContainsKey(instanceId))
                {
                    _registered.TryAdd(instanceId, now);
                }

                if (NodeReady.IsReadyAndSchedulable(change.Object))
                {
                    _ready.TryAdd(instanceId, now);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }

        await informer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

}
