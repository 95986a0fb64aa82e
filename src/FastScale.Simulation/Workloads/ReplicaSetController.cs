using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Informers;
using FastScale.Kubernetes.Models;
using FastScale.Simulation.Nodes;
using Microsoft.Extensions.Logging;

namespace FastScale.Simulation.Workloads;

/// <summary>
/// A minimal ReplicaSet controller over the public API, so an evicted pod comes back as it would in a real cluster:
/// each ReplicaSet is kept at spec.replicas active pods (not terminal, not being deleted) that it controls (owner
/// reference with controller: true, matched by uid), creating pods from its template under a generated name and
/// deleting the surplus (unbound, then unready, then the newest first), and its status reports replicas, ready and
/// available replicas and the generation observed. Pods it created count before its informer shows them
/// (the real controller's expectations), so a pass never creates twice for one missing pod. Starting the pods is the
/// kubelets' part (<see cref="Nodes.PodStartSimulator"/>), binding the scheduler's.
/// </summary>
public sealed class ReplicaSetController
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private readonly IKubernetesApiClient _kubernetes;
    private readonly IInformer<ReplicaSet> _replicaSets;
    private readonly IInformer<Pod> _pods;
    private readonly ReplicaSetControllerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<string, Dictionary<string, DateTimeOffset>> _expectedCreates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _expectedDeletes = new(StringComparer.Ordinal);
    private long _created;
    private long _deleted;

    public ReplicaSetController(
        IKubernetesApiClient kubernetes, IInformer<ReplicaSet> replicaSets, IInformer<Pod> pods, ReplicaSetControllerOptions options, TimeProvider time, ILogger<ReplicaSetController> logger)
    {
        ArgumentNullException.ThrowIfNull(kubernetes);
        ArgumentNullException.ThrowIfNull(replicaSets);
        ArgumentNullException.ThrowIfNull(pods);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        if (options.Validate() is { Count: > 0 } problems)
        {
            throw new ArgumentException("ReplicaSet controller options: " + string.Join("; ", problems), nameof(options));
        }

        (_kubernetes, _replicaSets, _pods, _options, _time, _logger) = (kubernetes, replicaSets, pods, options, time, logger);
    }

    /// <summary>Pods this controller has created.</summary>
    public long PodsCreated => Interlocked.Read(ref _created);

    /// <summary>Surplus pods this controller has deleted.</summary>
    public long PodsDeleted => Interlocked.Read(ref _deleted);

    /// <summary>Waits for both informers to sync, then reconciles until cancelled. The informers are run by the caller.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _replicaSets.WaitForSyncAsync(cancellationToken).ConfigureAwait(false);
            await _pods.WaitForSyncAsync(cancellationToken).ConfigureAwait(false);
            var signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
            var pumps = new[] { InformerSignal.PumpAsync(_replicaSets.Subscribe(replayExisting: false), signal.Writer, cancellationToken), InformerSignal.PumpAsync(_pods.Subscribe(replayExisting: false), signal.Writer, cancellationToken) };
            while (!cancellationToken.IsCancellationRequested)
            {
                var next = await PassAsync(cancellationToken).ConfigureAwait(false);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                // With nothing pending, only a change can give work; the hour is a safety net, not a poll.
                var delay = next is { } at && at > _time.GetUtcNow() ? at - _time.GetUtcNow() : next is null ? TimeSpan.FromHours(1) : TimeSpan.Zero;
                await Task.WhenAny(Task.Delay(delay, _time, wait.Token), signal.Reader.WaitToReadAsync(wait.Token).AsTask()).ConfigureAwait(false);
                await wait.CancelAsync().ConfigureAwait(false);
                signal.Reader.TryRead(out _);
            }

            await Task.WhenAll(pumps).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>One pass over every ReplicaSet; answers when a retry or an expectation's expiry wants the next one (null: none).</summary>
    internal async Task<DateTimeOffset?> PassAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var pods = _pods.List();
        ForgetSettled(pods, now);
        DateTimeOffset? next = _expectedCreates.Values.SelectMany(e => e.Values).Concat(_expectedDeletes.Values)
            .Select(at => (DateTimeOffset?)(at + _options.ExpectationTimeout)).Min();
        // Each ReplicaSet's pods, found once for the pass: a scan per ReplicaSet was quadratic at a thousand nodes.
        var byController = pods.Where(p => PodOwnership.ControllerOf(p)?.Uid is not null)
            .ToLookup(p => PodOwnership.ControllerOf(p)!.Uid!, StringComparer.Ordinal);
        foreach (var replicaSet in _replicaSets.List())
        {
            if (!await ReconcileAsync(replicaSet, byController[replicaSet.Metadata?.Uid ?? ""].ToList(), now, cancellationToken).ConfigureAwait(false))
            {
                next = next is { } due && due < now + RetryDelay ? due : now + RetryDelay;
            }
        }

        return next;
    }

    /// <param name="pods">The pods whose controller reference carries this ReplicaSet's uid.</param>
    private async Task<bool> ReconcileAsync(ReplicaSet replicaSet, IReadOnlyList<Pod> pods, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var metadata = replicaSet.Metadata!;
        var uid = metadata.Uid!;
        var active = pods.Where(p => PodOwnership.IsControlledBy(p, metadata) && PodOwnership.IsActive(p) && !_expectedDeletes.ContainsKey(p.Metadata!.Uid!)).ToList();
        var inFlight = _expectedCreates.TryGetValue(uid, out var creates) ? creates.Count : 0;
        var wanted = replicaSet.Spec?.Replicas ?? 1;
        var missing = wanted - active.Count - inFlight;
        var surplus = missing < 0 ? Surplus(active, -missing) : [];
        var ok = true;
        if (missing > 0 || surplus.Count > 0)
        {
            Log.Scaling(_logger, $"{metadata.Namespace}/{metadata.Name}", active.Count, wanted, Math.Max(0, missing), surplus.Count);
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism, CancellationToken = cancellationToken };
            var failures = 0;
            await Parallel.ForEachAsync(Enumerable.Range(0, Math.Max(0, missing)), parallel, async (_, ct) =>
            {
                if (!await CreatePodAsync(replicaSet, now, ct).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref failures);
                }
            }).ConfigureAwait(false);
            await Parallel.ForEachAsync(surplus, parallel, async (pod, ct) =>
            {
                if (!await DeletePodAsync(replicaSet, pod, now, ct).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref failures);
                }
            }).ConfigureAwait(false);
            ok = failures == 0;
        }

        return await WriteStatusAsync(replicaSet, active, cancellationToken).ConfigureAwait(false) && ok;
    }

    /// <summary>Which pods go first when there are too many: unbound, then unready, then the newest.</summary>
    private static List<Pod> Surplus(List<Pod> active, int count) =>
        [.. active.OrderBy(p => !string.IsNullOrEmpty(p.Spec?.NodeName)).ThenBy(PodOwnership.IsReady)
            .ThenByDescending(p => p.Metadata?.CreationTimestamp).Take(count)];

    private async Task<bool> CreatePodAsync(ReplicaSet replicaSet, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var metadata = replicaSet.Metadata!;
        var template = replicaSet.Spec?.Template;
        var pod = new Pod
        {
            Metadata = new ObjectMeta
            {
                GenerateName = metadata.Name + "-",
                Namespace = metadata.Namespace,
                Labels = template?.Metadata?.Labels,
                Annotations = template?.Metadata?.Annotations,
                OwnerReferences = [new OwnerReference { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = metadata.Name, Uid = metadata.Uid, Controller = true, BlockOwnerDeletion = true }],
            },
            Spec = (template?.Spec ?? new PodSpec()) with { NodeName = null },
        };
        var created = await _kubernetes.CreateAsync(KubernetesResources.Pods, pod, cancellationToken).ConfigureAwait(false);
        if (!created.IsSuccess)
        {
            Log.WriteFailed(_logger, $"{metadata.Namespace}/{metadata.Name}", "creating a pod", created.Error!.ToString());
            return false;
        }

        Interlocked.Increment(ref _created);
        lock (_expectedCreates)
        {
            if (!_expectedCreates.TryGetValue(metadata.Uid!, out var creates))
            {
                _expectedCreates[metadata.Uid!] = creates = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            }

            creates[created.Value!.Metadata!.Name!] = now;
        }

        return true;
    }

    private async Task<bool> DeletePodAsync(ReplicaSet replicaSet, Pod pod, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var deleted = await _kubernetes.DeleteAsync(KubernetesResources.Pods, pod.Metadata!.Namespace, pod.Metadata.Name!, null, notFoundIsSuccess: true, cancellationToken)
            .ConfigureAwait(false);
        if (!deleted.IsSuccess)
        {
            Log.WriteFailed(_logger, $"{replicaSet.Metadata!.Namespace}/{replicaSet.Metadata.Name}", $"deleting pod {pod.Metadata.Name}", deleted.Error!.ToString());
            return false;
        }

        Interlocked.Increment(ref _deleted);
        lock (_expectedDeletes)
        {
            _expectedDeletes[pod.Metadata.Uid!] = now;
        }

        return true;
    }

    private async Task<bool> WriteStatusAsync(ReplicaSet replicaSet, List<Pod> active, CancellationToken cancellationToken)
    {
        var ready = active.Count(PodOwnership.IsReady);
        var status = replicaSet.Status;
        var generation = replicaSet.Metadata!.Generation ?? 1;
        if (status is not null && status.Replicas == active.Count && (status.ReadyReplicas ?? 0) == ready && (status.AvailableReplicas ?? 0) == ready
            && status.ObservedGeneration == generation)
        {
            return true;
        }

        var patch = new JsonObject
        {
            ["status"] = new JsonObject { ["replicas"] = active.Count, ["readyReplicas"] = ready, ["availableReplicas"] = ready, ["observedGeneration"] = generation },
        };
        var written = await _kubernetes.PatchAsync(
            KubernetesResources.ReplicaSets, replicaSet.Metadata.Namespace, replicaSet.Metadata.Name!, Encoding.UTF8.GetBytes(patch.ToJsonString()), PatchTarget.Status, cancellationToken)
            .ConfigureAwait(false);
        if (!written.IsSuccess && !written.Error!.IsNotFound)
        {
            Log.WriteFailed(_logger, $"{replicaSet.Metadata.Namespace}/{replicaSet.Metadata.Name}", "writing status", written.Error.ToString());
            return false;
        }

        return true;
    }

    /// <summary>Drops expectations the informer has caught up with, and those too old to trust.</summary>
    private void ForgetSettled(IReadOnlyList<Pod> pods, DateTimeOffset now)
    {
        var names = pods.Select(p => $"{p.Metadata?.Namespace}/{p.Metadata?.Name}").ToHashSet(StringComparer.Ordinal);
        var uids = pods.Select(p => p.Metadata?.Uid).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var replicaSet in _replicaSets.List())
        {
            if (replicaSet.Metadata?.Uid is { } uid && _expectedCreates.TryGetValue(uid, out var creates))
            {
                foreach (var name in creates.Where(c => names.Contains($"{replicaSet.Metadata.Namespace}/{c.Key}") || now - c.Value >= _options.ExpectationTimeout).Select(c => c.Key).ToList())
                {
                    creates.Remove(name);
                }
            }
        }

        var live = _replicaSets.List().Select(r => r.Metadata?.Uid).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var gone in _expectedCreates.Keys.Where(k => !live.Contains(k) || _expectedCreates[k].Count == 0).ToList())
        {
            _expectedCreates.Remove(gone);
        }

        foreach (var settled in _expectedDeletes.Where(d => !uids.Contains(d.Key) || now - d.Value >= _options.ExpectationTimeout).Select(d => d.Key).ToList())
        {
            _expectedDeletes.Remove(settled);
        }
    }
}
