using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Informers;
using FastScale.Kubernetes.Models;
using Microsoft.Extensions.Logging;

namespace FastScale.Simulation.Nodes;

/// <summary>
/// The kubelets' pod side, the one owner of "a pod is Running and Ready" in the simulation: a pod bound to a node
/// (spec.nodeName set, still Pending) is started <see cref="PodStartOptions.StartDelay"/> after it was first seen bound,
/// by a status write as a kubelet makes it: phase Running, and Initialized, ContainersReady and Ready True beside the
/// scheduler's PodScheduled. Like the scheduler, it is a client of the Kubernetes API through our own client.
/// </summary>
public sealed class PodStartSimulator
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private readonly IKubernetesApiClient _kubernetes;
    private readonly IInformer<Pod> _pods;
    private readonly PodStartOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<string, DateTimeOffset> _boundSeenAt = new(StringComparer.Ordinal);
    private long _started;

    public PodStartSimulator(IKubernetesApiClient kubernetes, IInformer<Pod> pods, PodStartOptions options, TimeProvider time, ILogger<PodStartSimulator> logger)
    {
        ArgumentNullException.ThrowIfNull(kubernetes);
        ArgumentNullException.ThrowIfNull(pods);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        if (options.Validate() is { Count: > 0 } problems)
        {
            throw new ArgumentException("pod start options: " + string.Join("; ", problems), nameof(options));
        }

        (_kubernetes, _pods, _options, _time, _logger) = (kubernetes, pods, options, time, logger);
    }

    /// <summary>Pods this simulation has turned Running and Ready.</summary>
    public long PodsStarted => Interlocked.Read(ref _started);

    /// <summary>Waits for the pod informer to sync, then starts pods until cancelled. The informer is run by the caller.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _pods.WaitForSyncAsync(cancellationToken).ConfigureAwait(false);
            var changes = _pods.Subscribe(replayExisting: false);
            while (!cancellationToken.IsCancellationRequested)
            {
                var next = await PassAsync(cancellationToken).ConfigureAwait(false);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                // With nothing waiting, only a change can give work; the hour is a safety net, not a poll.
                var delay = next is { } at ? Max(at - _time.GetUtcNow(), TimeSpan.Zero) : TimeSpan.FromHours(1);
                var due = Task.Delay(delay, _time, wait.Token);
                await Task.WhenAny(due, changes.WaitToReadAsync(wait.Token).AsTask()).ConfigureAwait(false);
                await wait.CancelAsync().ConfigureAwait(false);
                while (changes.TryRead(out _))
                {
                    // Drained: the next pass reads the informer's current state.
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>One pass: starts every bound pod whose delay is over; answers when the next one is due (null: none waits).</summary>
    internal async Task<DateTimeOffset?> PassAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var due = new List<Pod>();
        DateTimeOffset? next = null;
        var waiting = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pod in _pods.List())
        {
            if (pod.Metadata?.Uid is not { } uid || string.IsNullOrEmpty(pod.Spec?.NodeName) || pod.Metadata.DeletionTimestamp is not null
                || pod.Status?.Phase is not (null or "" or "Pending"))
            {
                continue;
            }

            waiting.Add(uid);
            var startAt = (_boundSeenAt.TryGetValue(uid, out var seen) ? seen : _boundSeenAt[uid] = now) + _options.StartDelay;
            if (startAt <= now)
            {
                due.Add(pod);
            }
            else
            {
                next = next is { } earlier && earlier < startAt ? earlier : startAt;
            }
        }

        foreach (var gone in _boundSeenAt.Keys.Where(k => !waiting.Contains(k)).ToList())
        {
            _boundSeenAt.Remove(gone);
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism, CancellationToken = cancellationToken };
        var failed = 0;
        await Parallel.ForEachAsync(due, parallel, async (pod, ct) =>
        {
            if (!await StartAsync(pod, now, ct).ConfigureAwait(false))
            {
                Interlocked.Increment(ref failed);
            }
        }).ConfigureAwait(false);
        return failed > 0 && (next is null || next > now + RetryDelay) ? now + RetryDelay : next;
    }

    private async Task<bool> StartAsync(Pod pod, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var at = now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        // A merge patch replaces the conditions list whole: keep the scheduler's PodScheduled, replace the kubelet's own.
        var conditions = new JsonArray();
        foreach (var kept in pod.Status?.Conditions?.Where(c => c.Type is not ("Initialized" or "ContainersReady" or "Ready")) ?? [])
        {
            conditions.Add(new JsonObject
            {
                ["type"] = kept.Type,
                ["status"] = kept.Status,
                ["reason"] = kept.Reason,
                ["lastTransitionTime"] = kept.LastTransitionTime?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            });
        }

        foreach (var type in new[] { "Initialized", "ContainersReady", "Ready" })
        {
            conditions.Add(new JsonObject { ["type"] = type, ["status"] = "True", ["lastTransitionTime"] = at });
        }

        var patch = new JsonObject { ["status"] = new JsonObject { ["phase"] = "Running", ["startTime"] = at, ["conditions"] = conditions } };
        var result = await _kubernetes.PatchAsync(KubernetesResources.Pods, pod.Metadata!.Namespace, pod.Metadata.Name!, Encoding.UTF8.GetBytes(patch.ToJsonString()), PatchTarget.Status, cancellationToken)
            .ConfigureAwait(false);
        if (result.IsSuccess)
        {
            Interlocked.Increment(ref _started);
            Log.PodStarted(_logger, $"{pod.Metadata.Namespace}/{pod.Metadata.Name}", pod.Spec!.NodeName!);
            return true;
        }

        if (result.Error!.IsNotFound)
        {
            // Gone before it ran (evicted, deleted): nothing to start.
            return true;
        }

        // Retried by a later pass, which still sees the pod Pending.
        Log.PodStartFailed(_logger, $"{pod.Metadata.Namespace}/{pod.Metadata.Name}", result.Error.ToString());
        return false;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
