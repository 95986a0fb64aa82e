using FastScale.Baselines;
using FastScale.Burst.Rollout;
using FastScale.Ecs;
using FastScale.Ecs.Client;
using FastScale.Engine.Launch;
using FastScale.Engine.NodeGroups;
using FastScale.Engine.Policy;
using FastScale.Engine.Repair;
using FastScale.Engine.Rollout;
using FastScale.Engine.WarmPool;
using FastScale.Grpc.Transport;
using FastScale.Kubernetes.Client;
using FastScale.Serve;
using FastScale.Serve.Reload;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastScale.Burst;

/// <summary>
/// Runs a scenario on a fresh embedded world with one policy: FastScale (<c>serve</c>'s own composition root, driven over
/// gRPC as the autoscaler would, or by pending pods), the <see cref="UpstreamBaseline"/> or the <see cref="NaiveBaseline"/>,
/// each with the same seed on a clock <see cref="BurstSettings.TimeScale"/> times faster than the wall clock. Every
/// figure is in emulated seconds.
/// </summary>
internal sealed class BurstRunner(BurstSettings settings, TimeProvider wall)
{
    public const string FastScalePolicy = "fastscale";
    public const string UpstreamPolicy = "upstream";
    public const string NaivePolicy = "naive";

    public Task<BurstRunResult> RunFastScaleAsync(BurstScenario scenario, Action<BurstProgress>? progress, CancellationToken cancellationToken) =>
        RunAsync(scenario, FastScalePolicy, progress, cancellationToken);

    public Task<BurstRunResult> RunUpstreamAsync(BurstScenario scenario, Action<BurstProgress>? progress, CancellationToken cancellationToken) =>
        RunAsync(scenario, UpstreamPolicy, progress, cancellationToken);

    public Task<BurstRunResult> RunNaiveAsync(BurstScenario scenario, Action<BurstProgress>? progress, CancellationToken cancellationToken) =>
        RunAsync(scenario, NaivePolicy, progress, cancellationToken);

    private async Task<BurstRunResult> RunAsync(BurstScenario scenario, string policyName, Action<BurstProgress>? progress, CancellationToken cancellationToken)
    {
        // A rollout's provider runs from a policy file it reloads, as serve --policy does; the baselines have no rollout.
        var rollout = policyName == FastScalePolicy ? scenario.Rollout : null;
        using var policyFile = rollout is null ? null : RolloutPolicyFile.Create(
            settings.PolicyText ?? EmbeddedPolicy.Text(), scenario.GroupId, rollout.MaxSize(scenario.Nodes), RolloutSpec.RegistrationTimeout(scenario.Nodes));
        var policy = policyFile?.Policy ?? BurstConditions.PolicyFor(scenario, settings.Policy);
        var group = policy.NodeGroups.FirstOrDefault(g => g.Id == scenario.GroupId)
            ?? throw new InvalidOperationException($"the policy has no node group '{scenario.GroupId}'");
        var time = new ScaledTimeProvider(wall, settings.TimeScale);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tempo = settings.ClusterTempo;
        var profile = rollout is not null && policyFile is not null ? rollout.ProfileFor(settings.Profile, policyFile.OldImageId) : settings.Profile;
        await using var world = await BurstWorld.StartAsync(policy, profile, settings.Seed, tempo, time,
            options => BurstConditions.ConfigureEmulator(scenario, options), cancellationToken, settings.RrsaLifetime, workloads: rollout is not null);
        BurstConditions.InjectFaults(scenario, group, world.Ecs.Faults, settings.Seed);
        // The readiness watch is the run's stopwatch: API faults spare it (by its User-Agent), as they spare no one else.
        world.Cluster.Faults.ExemptUserAgent = FaultProbe.ObserverAgent;
        await using var kubernetes = KubernetesApiClientFactory.Create(
            world.Kubernetes, new KubernetesClientOptions { Qps = 0, UserAgent = FaultProbe.ObserverAgent }, time, NullLoggerFactory.Instance);
        var watch = new NodeReadinessWatch(kubernetes, time);
        var watching = watch.RunAsync(stop.Token);

        WebApplication? app = null;
        GrpcClient? grpc = null;
        HttpClient? baselineHttp = null;
        IReadOnlyDictionary<string, long> extraCalls = new Dictionary<string, long>();
        Func<long> retries = () => 0;
        Func<string, bool> isWarm = _ => false;
        Func<bool> repairPaused = () => false;
        Func<long> repairBlindPasses = () => 0;
        Func<bool> viewIsCurrent = () => true;
        var atStart = CloudCountsAtStart.Empty;
        ProviderRestart? restart = null;
        var background = new List<Task> { watching };
        IKubernetesApiClient? podClient = null;
        try
        {
            DateTimeOffset t0;
            AutoscalerDriver? autoscalerView = null;
            Func<string?> rolloutHalt = () => null;
            if (policyName == FastScalePolicy)
            {
                var crash = scenario.Condition == BurstCondition.Restart ? new ProviderCrash(CrashAtRunInstances(scenario.Nodes)) : null;
                app = ProviderApp.Build(ProviderSettings(policy, world, time, "127.0.0.1:0", crash, policyFile?.Path));
                await app.StartAsync(cancellationToken);
                var launcher = app.Services.GetRequiredService<Launcher>();
                retries = () => launcher.Retries;
                grpc = new GrpcClient(ProviderApp.GrpcAddress(app));
                var autoscaler = new AutoscalerDriver(grpc, group.Id, time);
                autoscalerView = autoscaler;
                await autoscaler.WaitUntilServingAsync(cancellationToken);
                var pools = app.Services.GetRequiredService<WarmPoolManager>();
                isWarm = pools.IsWarm;
                if (app.Services.GetService<RolloutController>() is { } rollouts)
                {
                    rolloutHalt = () => rollouts.HaltReasonOf(group.Id);
                }

                if (app.Services.GetService<Repairer>() is { } repairer)
                {
                    repairPaused = () => repairer.IsBraked(group.Id);
                    repairBlindPasses = () => repairer.BlindPasses;
                }

                var nodeView = app.Services.GetRequiredService<INodeHealthSource>();
                viewIsCurrent = () => nodeView.IsCurrent;
                if (scenario.Condition == BurstCondition.Warm)
                {
                    await WarmPoolPrefill.WaitUntilFullAsync(pools, group.Id, watch, scenario.Timeout, time, cancellationToken);
                    watch.Reset();
                    atStart = CloudCountsAtStart.Take(world, watch.InstancesWithNodes());
                }

                t0 = time.GetUtcNow();
                scenario.Faults?.Apply(world, t0);
                if (scenario.Demand == BurstDemand.IncreaseSize)
                {
                    await autoscaler.IncreaseSizeAsync(scenario.Nodes, cancellationToken);
                }
                else
                {
                    (podClient, _) = StartPendingPods(scenario, world, time, background, stop.Token);
                }

                background.Add(autoscaler.LoopAsync(stop.Token));
                if (crash is not null)
                {
                    var address = ProviderApp.GrpcAddress(app).Authority;
                    restart = new ProviderRestart(crash, () => ProviderApp.Build(ProviderSettings(policy, world, time, address, null)), world, time);
                    background.Add(restart.RunAsync(app, autoscaler, scenario.Nodes, t0, stop.Token));
                }
            }
            else if (policyName == UpstreamPolicy)
            {
                var model = settings.UpstreamModel;
                baselineHttp = new HttpClient(world.KubeletCalls.Sibling(new SocketsHttpHandler(), "ess"));
                var upstream = new UpstreamBaseline(EcsCloudOver(baselineHttp, world, time), policy, group, model, UpstreamDeadline(scenario, group, model),
                    new UpstreamNodeView(watch.RegisteredAt.ContainsKey, watch.InstancesReadyNow), time);
                retries = () => upstream.Refusals;
                extraCalls = upstream.EssCalls;
                if (scenario.Condition == BurstCondition.Warm)
                {
                    using var fill = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    fill.CancelAfter(scenario.Timeout / settings.TimeScale);
                    await upstream.FillEconomicalModeAsync(scenario.Nodes, fill.Token);
                    watch.Reset();
                    atStart = CloudCountsAtStart.Take(world, watch.InstancesWithNodes());
                }

                t0 = time.GetUtcNow();
                scenario.Faults?.Apply(world, t0);
                var delay = scenario.Demand == BurstDemand.PendingPods ? model.AutoscalerReaction : TimeSpan.Zero;
                Func<int> visible = () => scenario.Nodes;
                if (scenario.Demand == BurstDemand.PendingPods)
                {
                    (podClient, visible) = StartPendingPods(scenario, world, time, background, stop.Token);
                }

                background.Add(Task.Run(() => upstream.RunAsync(scenario.Nodes, visible, delay, stop.Token), stop.Token));
            }
            else
            {
                baselineHttp = new HttpClient();
                var limit = world.Ecs.Emulator.Options.QpsLimits.GetValueOrDefault("RunInstances", 10);
                var naive = new NaiveBaseline(EcsCloudOver(baselineHttp, world, time), policy, group, limit, time);
                retries = () => naive.Failures;
                t0 = time.GetUtcNow();
                scenario.Faults?.Apply(world, t0);
                var delay = scenario.Demand == BurstDemand.PendingPods ? settings.UpstreamModel.AutoscalerReaction : TimeSpan.Zero;
                Func<int> visible = () => scenario.Nodes;
                if (scenario.Demand == BurstDemand.PendingPods)
                {
                    (podClient, visible) = StartPendingPods(scenario, world, time, background, stop.Token);
                }

                var scan = settings.UpstreamModel.ScanInterval;
                background.Add(Task.Run(async () =>
                {
                    await Task.Delay(delay, time, stop.Token);
                    await naive.RunAsync(scenario.Nodes, visible, scan, stop.Token);
                }, stop.Token));
            }

            FaultProbe? probe = null;
            if (scenario.Faults is not null)
            {
                probe = new FaultProbe(viewIsCurrent, time);
                background.Add(Task.Run(() => probe.RunAsync(stop.Token), stop.Token));
            }

            var wallStart = wall.GetTimestamp();
            var deadline = t0 + scenario.Timeout;
            var timedOut = false;
            while (watch.ReadyCount < scenario.Nodes)
            {
                if (time.GetUtcNow() >= deadline)
                {
                    timedOut = true;
                    break;
                }

                // A progress line every wall second; the check for completion runs ten times as often.
                for (var i = 0; i < 10 && watch.ReadyCount < scenario.Nodes; i++)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100), wall, cancellationToken);
                }

                progress?.Invoke(new BurstProgress(policyName, Math.Min(watch.ReadyCount, scenario.Nodes), scenario.Nodes,
                    Seconds(time.GetUtcNow(), t0), wall.GetElapsedTime(wallStart).TotalSeconds));
            }

            RolloutFigures? rolloutFigures = null;
            BurstRunResult? burstPart = null;
            if (rollout is not null && policyFile is not null && !timedOut)
            {
                // The burst's readiness is the burst's: measured now, before the rollout replaces its nodes.
                burstPart = new BurstMeasurement(world, watch, policy, t0, scenario.Nodes, atStart, isWarm)
                    .Result(policyName, time.GetUtcNow(), wall.GetElapsedTime(wallStart).TotalSeconds, timedOut, retries());
                var reloader = app?.Services.GetService<Engine.Reload.PolicyReloader>();
                var generation = reloader?.Generation ?? 0;
                rolloutFigures = await new RolloutPhase(world, watch, policyFile, rollout, group.Id, autoscalerView, rolloutHalt, time)
                    .RunAsync(scenario.Nodes, RolloutSpec.RegistrationTimeout(scenario.Nodes), t0,
                        replaced => progress?.Invoke(new BurstProgress(policyName, replaced, scenario.Nodes, Seconds(time.GetUtcNow(), t0),
                            wall.GetElapsedTime(wallStart).TotalSeconds, BurstProgress.ReplacedUnit)),
                        cancellationToken);
                rolloutFigures = rolloutFigures with { PolicyReloadsApplied = (reloader?.Generation ?? 0) - generation };
            }

            var end = time.GetUtcNow();
            var wallSeconds = wall.GetElapsedTime(wallStart).TotalSeconds;
            // A scale-out during the rollout asks for its nodes too: they are needed, not duplicates.
            var needed = scenario.Nodes + (rolloutFigures?.ScaleOut?.Pods ?? 0);
            var measured = new BurstMeasurement(world, watch, policy, t0, needed, atStart, isWarm);
            var result = measured.Result(policyName, end, wallSeconds, timedOut, retries());
            if (burstPart is not null)
            {
                result = result with
                {
                    NodesRequested = burstPart.NodesRequested, Instances = burstPart.Instances, ReadySeconds = burstPart.ReadySeconds,
                    FloorSeconds = burstPart.FloorSeconds, AllRequestedSeconds = burstPart.AllRequestedSeconds,
                };
            }
            if (probe is not null && scenario.Faults?.Outage is { } outage)
            {
                // Readiness is measured; that the provider's informers resume is part of what an outage shows, and
                // their back-off (up to 30 s, as client-go's) can outlast the burst: wait for it, within the slack.
                var limit = t0 + outage.Start + outage.Duration + BurstConditions.BlindSlack;
                while (!viewIsCurrent() && time.GetUtcNow() < limit)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100), wall, cancellationToken);
                }

                await Task.Delay(FaultProbe.Interval * 3, time, cancellationToken);
            }

            return result with { CloudCalls = WithExtra(result.CloudCalls, extraCalls), RepairPaused = repairPaused(), Restart = restart?.Figures,
                Faults = probe?.Figures(world, t0, repairBlindPasses()), Rollout = rolloutFigures };
        }
        finally
        {
            await stop.CancelAsync();
            foreach (var task in background)
            {
                await task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            grpc?.Dispose();
            baselineHttp?.Dispose();
            if (podClient is not null)
            {
                await podClient.DisposeAsync();
            }

            foreach (var provider in new[] { app, restart?.Successor }.OfType<WebApplication>())
            {
                await provider.StopAsync(CancellationToken.None);
                await provider.DisposeAsync();
            }
        }
    }

    internal static double Seconds(DateTimeOffset at, DateTimeOffset t0) => (at - t0).TotalSeconds;

    /// <summary>
    /// The scenario's pending pods, at the tempo's pace: all at once into the store, or through the API by a simulated
    /// ReplicaSet controller on a client of its own (returned, for the caller to dispose). The count is what an
    /// autoscaler scanning the cluster could see: every pod at once, or at a tempo the pods the scheduler has been
    /// through so far (<see cref="PendingPodDriver.SeenByScheduler"/>).
    /// </summary>
    private (IKubernetesApiClient? Client, Func<int> Created) StartPendingPods(
        BurstScenario scenario, BurstWorld world, TimeProvider time, List<Task> background, CancellationToken cancellationToken)
    {
        var tempo = settings.ClusterTempo;
        if (tempo.PodQps is not { } qps)
        {
            PendingPodDriver.CreatePods(world.Cluster.Store, scenario.Nodes);
            return (null, () => scenario.Nodes);
        }

        var client = KubernetesApiClientFactory.Create(
            world.Kubernetes, new KubernetesClientOptions { Qps = qps, Burst = tempo.PodBurst }, time, NullLoggerFactory.Instance);
        var creator = new ReplicaSetPodCreator(client, time);
        background.Add(Task.Run(() => creator.CreateAsync(scenario.Nodes, cancellationToken), cancellationToken));
        return (client, () => PendingPodDriver.SeenByScheduler(world.Cluster.Store));
    }

    /// <summary>
    /// The autoscaler's max-node-provision-time for the upstream baseline: the deadline a scenario gives FastScale's repair
    /// (flaky, brake), else the group's own autoscaling option, else the autoscaler's default.
    /// </summary>
    internal static TimeSpan UpstreamDeadline(BurstScenario scenario, NodeGroupPolicy group, UpstreamModel model) =>
        scenario.Condition is BurstCondition.Flaky or BurstCondition.Brake
            ? BurstConditions.FlakyRegistrationTimeout(scenario.Nodes)
            : group.AutoscalingOptions.MaxNodeProvisionTime ?? model.MaxNodeProvisionTime;

    /// <summary>The provider's ECS calls with what the policy called besides (the upstream provider's ESS calls).</summary>
    internal static IReadOnlyDictionary<string, long> WithExtra(IReadOnlyDictionary<string, long> calls, IReadOnlyDictionary<string, long> extra) =>
        extra.Count == 0 ? calls : calls.Concat(extra).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);

    private static EcsCloud EcsCloudOver(HttpClient http, BurstWorld world, TimeProvider time) =>
        new(new EcsClient(http, world.Connection.Options, world.Connection.Credentials, time, NullLogger<EcsClient>.Instance), time);

    /// <summary>restart-N: the provider dies once ECS accepted the batch that brings the cloud to half the nodes (batch 1 of 1 at N = 100, 5 of 10 at 1,000).</summary>
    internal static int CrashAtRunInstances(int nodes) => Math.Max(1, (nodes + 199) / 200);

    /// <summary><c>serve</c>'s settings for this world. With a crash, in-flight calls are cancelled at once on stop, as a killed process's are.</summary>
    private static ServeSettings ProviderSettings(
        ScalePolicy policy, BurstWorld world, TimeProvider time, string listen, ProviderCrash? crash, string? policyPath = null) => new()
    {
        Policy = policy,
        // The reloader polls on the run's scaled clock, so the default 2 s poll and 1 s debounce are emulated seconds.
        PolicyReload = policyPath is null ? null : new PolicyReloadOptions { Path = policyPath },
        Grpc = new GrpcListenOptions { Listen = listen },
        MetricsListen = null,
        Ecs = world.Connection,
        EcsHandler = crash,
        Kubernetes = world.Kubernetes,
        Reconciler = crash is null ? new ReconcilerOptions() : new ReconcilerOptions { ShutdownTimeout = TimeSpan.Zero },
        Time = time,
        MinimumLogLevel = LogLevel.Warning,
        Environment = ProviderPodEnvironment,
        OwnsProcessSignals = false,
    };

    /// <summary>The downward-API identity the provider's pod has in the deploy manifests, so Events naming no Node land on it.</summary>
    internal static string? ProviderPodEnvironment(string name) => name switch
    {
        "POD_NAME" => ProviderPodName,
        "POD_NAMESPACE" => ProviderPodNamespace,
        _ => null,
    };

    internal const string ProviderPodName = "fastscale-0";
    internal const string ProviderPodNamespace = "kube-system";
}
