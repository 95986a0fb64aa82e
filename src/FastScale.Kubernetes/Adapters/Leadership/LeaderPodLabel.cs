using System.Text;
using FastScale.Engine.Leadership;
using FastScale.Kubernetes.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FastScale.Kubernetes.Adapters.Leadership;

/// <summary>
/// Labels this replica's own pod <c>fastscale.io/leader=true</c> while it is the active leader and <c>false</c>
/// otherwise, so the <c>fastscale</c> Service, which selects on the label, routes the autoscaler's one long-lived gRPC
/// connection to the replica that accepts writes rather than wherever kube-proxy happened to send it.
/// </summary>
/// <remarks>
/// The label is "false" at start-up before the elector competes (a restarted container may find its pod still labelled
/// from its previous life), goes "true" once the term is rebuilt and writes are accepted, back to "false" when the term
/// ends, and to "false" on shutdown before the lease is released (registered after <see cref="LeaderElectionService"/>,
/// so the host stops this first), so two pods carry "true" only for as long as a patch takes. A failed patch is retried
/// with a doubling wait; no jitter, since each replica patches only its own pod.
/// </remarks>
internal sealed class LeaderPodLabel(
    IKubernetesApiClient client, LeaderPodLabelOptions options, ReplicaRole role, TimeProvider time, ILogger<LeaderPodLabel> logger) : BackgroundService
{
    private readonly TaskCompletionSource _cleared = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // What the pod's label was last set to; null while unknown (never set, or a patch failed or was cancelled midway).
    private volatile LabelValue? _labelled;

    /// <summary>
    /// Completes after the first attempt to set the label to "false" at start-up, whatever its outcome: the elector
    /// competes only after it. Waiting for success instead would let a missing RBAC rule stop leader election itself.
    /// </summary>
    public Task Cleared => _cleared.Task;

    /// <summary>What this replica last set its pod's label to: true, false, or null when unknown.</summary>
    public bool? Labelled => _labelled?.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // TimeSpan.Zero: the current active term, or null at once if there is none.
                var term = await role.WaitUntilActiveAsync(TimeSpan.Zero, time, stoppingToken);
                var leading = term is not null;
                var settled = Timeout.InfiniteTimeSpan;
                if (Labelled != leading)
                {
                    var error = await SetAsync(leading, stoppingToken);
                    if (error is null)
                    {
                        failures = 0;
                    }
                    else
                    {
                        settled = RetryWait(failures++);
                        Log.PodLabelFailed(logger, options.PodNamespace, options.PodName, Value(leading), settled, error);
                    }
                }

                _cleared.TrySetResult();
                await WaitForChangeAsync(term, settled, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: StopAsync clears the label.
        }
        finally
        {
            _cleared.TrySetResult();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (Labelled == false)
        {
            return;
        }

        using var bounded = new CancellationTokenSource(options.ShutdownTimeout, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(bounded.Token, cancellationToken);
        string? error;
        try
        {
            error = await SetAsync(false, either.Token);
        }
        catch (OperationCanceledException)
        {
            error = $"no answer within {options.ShutdownTimeout}";
        }

        if (error is not null)
        {
            Log.PodLabelNotClearedOnShutdown(logger, options.PodNamespace, options.PodName, error);
        }
    }

    /// <summary>Merge-patches the label; null on success, else the error.</summary>
    private async Task<string?> SetAsync(bool leader, CancellationToken cancellationToken)
    {
        _labelled = null;
        var patch = Encoding.UTF8.GetBytes(
            "{\"metadata\":{\"labels\":{\"" + LeaderPodLabelOptions.LabelKey + "\":\"" + Value(leader) + "\"}}}");
        var result = await client.PatchAsync(KubernetesResources.Pods, options.PodNamespace, options.PodName, patch, PatchTarget.Object, cancellationToken);
        if (!result.IsSuccess)
        {
            return result.Error.ToString();
        }

        _labelled = new LabelValue(leader);
        Log.PodLabelled(logger, options.PodNamespace, options.PodName, Value(leader),
            leader ? "leading, the fastscale Service routes the autoscaler here" : "not leading, out of the fastscale Service");
        return null;
    }

    /// <summary>Returns when the role changes from what <paramref name="term"/> says (or after <paramref name="atMost"/>, to retry).</summary>
    private async Task WaitForChangeAsync(CancellationToken? term, TimeSpan atMost, CancellationToken stoppingToken)
    {
        if (term is not { } active)
        {
            await role.WaitUntilActiveAsync(atMost, time, stoppingToken);
            return;
        }

        using var either = CancellationTokenSource.CreateLinkedTokenSource(active, stoppingToken);
        try
        {
            await Task.Delay(atMost, time, either.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // The term ended.
        }
    }

    private TimeSpan RetryWait(int failures) =>
        TimeSpan.FromTicks(Math.Min(options.RetryMax.Ticks, options.RetryInitial.Ticks * (1L << Math.Min(failures, 20))));

    private static string Value(bool leader) => leader ? "true" : "false";

    private sealed record LabelValue(bool Value);
}
