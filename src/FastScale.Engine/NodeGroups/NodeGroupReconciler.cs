using FastScale.Engine.Background;
using FastScale.Engine.Cloud;
using FastScale.Engine.Controllers;
using FastScale.Engine.Launch;
using FastScale.Engine.Leadership;
using FastScale.Engine.Policy;
using FastScale.Engine.WarmPool;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FastScale.Engine.NodeGroups;

/// <summary>
/// The node groups' life on this replica: rebuilds the groups from the cloud's tags at start-up, keeps a follower's
/// view current, and for each term of leadership rebuilds, activates and runs the <see cref="ReconcilePass"/> (which
/// launches, releases and polls) on a <see cref="ControllerDriver"/> until the term or the host ends.
/// </summary>
public sealed partial class NodeGroupReconciler : BackgroundService
{
    private readonly NodeGroupRegistry _registry;
    private readonly PacedCloud _cloud;
    private readonly ReconcilerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<NodeGroupReconciler> _logger;
    private readonly LaunchBatchSequence _batches;
    private readonly WarmPoolManager? _warmPools;
    private readonly ReplicaRole _role;

    // Held by every resync and by a term's rebuild up to its activation: a follower's refresh never overwrites the
    // groups once a term has reserved launches (a resync resets the reservations).
    private readonly SemaphoreSlim _syncGate = new(1, 1);

    public NodeGroupReconciler(
        NodeGroupRegistry registry,
        PacedCloud cloud,
        Launcher launcher,
        ScaleSignal signal,
        ReconcilerOptions options,
        TimeProvider time,
        ILogger<NodeGroupReconciler> logger,
        WarmPoolManager? warmPools = null,
        LaunchBatchSequence? batches = null,
        ReplicaRole? role = null)
    {
        (_registry, _cloud, _options, _time, _logger) = (registry, cloud, options, time, logger);
        _warmPools = warmPools;
        _role = role ?? ReplicaRole.Single();
        _role.OnRefresh(RefreshAsFollowerAsync);
        // Shared with every other component that launches (repair): one sequence per group keeps ClientTokens unique.
        _batches = batches ?? new LaunchBatchSequence(time);
        Pass = new ReconcilePass(registry, cloud, launcher, signal, options, time, logger, warmPools, _batches, _role);
    }

    /// <summary>What each term runs: launches, releases, warm pools and status polls.</summary>
    public ReconcilePass Pass { get; }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => RunAsync(stoppingToken);

    /// <summary>
    /// The groups' whole life on this replica: recovery, then following or leading term after term until stopped.
    /// Hosted, the host runs it on the thread pool; <c>plan</c> calls it on its virtual clock's own thread, so every
    /// continuation runs in simulated time.
    /// </summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        // Only a recovery that started while already leading counts as this term's rebuild: a replica that recovered as
        // a follower and wins the lease before its first refresh would otherwise act on a view older than the old leader's work.
        var rebuilt = _role.IsLeader;
        await RecoverAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            if (await _role.WaitForTermAsync(_options.FollowerRefreshInterval, _time, stoppingToken) is not { } term)
            {
                // Following: keep the groups in step with the cloud so reads are current and a takeover starts warm.
                await RefreshAsFollowerAsync(stoppingToken);
                rebuilt = false;
                continue;
            }

            await LeadAsync(term, rebuilt, stoppingToken);
            rebuilt = false;
        }
    }

    /// <summary>
    /// One term of leadership. Taking over, the groups are first rebuilt from the cloud (the previous leader may have
    /// launched since this replica last looked; the batch numbers continue after its tags, so nothing is launched twice),
    /// then writes are accepted. Work runs on the term's token: losing the lease cancels it at once. Shutting down, the
    /// loop stops starting work and lets what is in flight finish, for at most <see cref="ReconcilerOptions.ShutdownTimeout"/>.
    /// </summary>
    private async Task LeadAsync(CancellationToken term, bool rebuilt, CancellationToken stoppingToken)
    {
        using var work = CancellationTokenSource.CreateLinkedTokenSource(term);
        try
        {
            await Pass.WhenIdleAsync(Timeout.InfiniteTimeSpan, _time);
            using var rebuilding = CancellationTokenSource.CreateLinkedTokenSource(term, stoppingToken);
            await _syncGate.WaitAsync(rebuilding.Token);
            try
            {
                if (!rebuilt)
                {
                    await ResyncAsync(rebuilding.Token);
                }

                _role.Activate(term);
            }
            finally
            {
                _syncGate.Release();
            }

            Log.Leading(_logger, _registry.Policy.ClusterId);
            using var passes = CancellationTokenSource.CreateLinkedTokenSource(term, stoppingToken);
            using var driver = new ControllerDriver(Pass, _time, _logger);
            driver.Start(work.Token);
            await Cancellation.WhenCancelled(passes.Token);
            driver.Stop();
        }
        catch (OperationCanceledException) when (term.IsCancellationRequested || stoppingToken.IsCancellationRequested)
        {
            // The term ended or the host stops; handled below.
        }

        if (term.IsCancellationRequested)
        {
            Log.StoppedLeading(_logger);
            return;
        }

        if (!await Pass.WhenIdleAsync(_options.ShutdownTimeout, _time))
        {
            Log.ShutdownAbandoned(_logger, _options.ShutdownTimeout.TotalSeconds);
        }

        // Synchronously: the callbacks end the abandoned calls on this thread, which in a plan is the virtual clock's.
        work.Cancel();
    }
}
