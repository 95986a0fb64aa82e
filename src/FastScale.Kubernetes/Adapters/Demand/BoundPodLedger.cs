using FastScale.Engine.Demand;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Informers;
using FastScale.Kubernetes.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FastScale.Kubernetes.Adapters.Demand;

/// <summary>
/// What the pods bound to each node request in total, from an informer on bound, unfinished pods: the other half of a
/// Ready node's free room (<see cref="KubernetesNodeRoom"/>). Each change adjusts one node's sum, so a read is O(1).
/// </summary>
/// <remarks>
/// Pods are kept in the informer's compact model (about 0.7 KB each), so a 5,000-node cluster's 50,000 running pods cost
/// tens of megabytes. The pending-pod informer cannot serve here: the API server filters it to unbound pods.
/// </remarks>
internal sealed class BoundPodLedger : BackgroundService
{
    /// <summary>Bound and unfinished pods: a finished pod's requests no longer hold room.</summary>
    public const string FieldSelector = "spec.nodeName!=,status.phase!=Succeeded,status.phase!=Failed";

    private readonly IInformer<Pod> _informer;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Sum> _byNode = new(StringComparer.Ordinal);
    private readonly HashSet<string> _counted = new(StringComparer.Ordinal);

    public BoundPodLedger(IInformer<Pod> informer) => _informer = informer;

    public static IInformer<Pod> CreateInformer(IKubernetesApiClient client, TimeProvider time, ILoggerFactory? loggerFactory = null) =>
        InformerFactory.Create(client, KubernetesResources.Pods, new InformerOptions { FieldSelector = FieldSelector }, timeProvider: time, loggerFactory: loggerFactory);

    /// <summary>False until the informer's first list is in: before that, no node's room is known.</summary>
    public bool HasSynced => _informer.HasSynced;

    /// <summary>Listed once and still following the cluster.</summary>
    public bool IsCurrent => _informer.HasSynced && _informer.IsCurrent;

    /// <summary>Bound pods in the informer's cache: what this watch holds in memory.</summary>
    public int CachedPods => _informer.Count;

    /// <summary>True when the pod with this uid is bound, unfinished and counted on its node.</summary>
    public bool Holds(string uid)
    {
        lock (_gate)
        {
            return _counted.Contains(uid);
        }
    }

    /// <summary>The requests of the pods bound to <paramref name="nodeName"/>; zero when none is.</summary>
    public PodRequests RequestsOn(string nodeName)
    {
        lock (_gate)
        {
            return _byNode.TryGetValue(nodeName, out var sum) ? sum.ToRequests() : new PodRequests(0, 0, Pods: 0);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => RunAsync(stoppingToken);

    /// <summary>Runs the informer and keeps the ledger until cancelled. A host runs it on the thread pool (as
    /// <see cref="BackgroundService"/> does); a plan on its virtual clock's thread, so it calls this itself.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var subscription = _informer.Subscribe(replayExisting: true);
        var informer = _informer.RunAsync(stoppingToken);
        try
        {
            await foreach (var change in subscription.ReadAllAsync(stoppingToken))
            {
                Apply(change);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
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
        lock (_gate)
        {
            if (change.Type == InformerChangeType.Deleted)
            {
                Add(change.Previous ?? change.Object, -1);
                return;
            }

            if (change.Previous is { } previous)
            {
                Add(previous, -1);
            }

            Add(change.Object, +1);
        }
    }

    private void Add(Pod pod, int sign)
    {
        if (pod.Spec?.NodeName is not { Length: > 0 } node || pod.Status?.Phase is "Succeeded" or "Failed")
        {
            return;
        }

        if (!_byNode.TryGetValue(node, out var sum))
        {
            _byNode[node] = sum = new Sum();
        }

        sum.Add(PendingPodMapper.Requests(pod.Spec), sign);
        if (pod.Metadata?.Uid is { Length: > 0 } uid)
        {
            _ = sign > 0 ? _counted.Add(uid) : _counted.Remove(uid);
        }

        if (sum.Pods == 0)
        {
            _byNode.Remove(node);
        }
    }

    private sealed class Sum
    {
        private readonly Dictionary<string, long> _extended = new(StringComparer.Ordinal);
        private long _cpu;
        private long _memory;
        private long _storage;

        public long Pods { get; private set; }

        public void Add(PodRequests requests, int sign)
        {
            _cpu += sign * requests.CpuMillis;
            _memory += sign * requests.MemoryBytes;
            _storage += sign * requests.EphemeralStorageBytes;
            Pods += sign * requests.Pods;
            foreach (var (name, amount) in requests.ExtendedResources)
            {
                _extended[name] = _extended.GetValueOrDefault(name) + (sign * amount);
            }
        }

        public PodRequests ToRequests() => new(_cpu, _memory, _storage, new Dictionary<string, long>(_extended, StringComparer.Ordinal), Pods);
    }
}
