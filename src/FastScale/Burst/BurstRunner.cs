using FastScale.Ecs;
using FastScale.Ecs.Client;
using FastScale.Engine.Launch;
using FastScale.Engine.Policy;
using FastScale.Engine.WarmPool;
using FastScale.Grpc.Transport;
using FastScale.Kubernetes.Client;
using FastScale.Serve;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastScale.Burst;

/// <summary>
/// Runs a scenario on a fresh embedded world, once with FastScale (<c>serve</c>'s own composition root, driven over gRPC
/// as the autoscaler would, or by pending pods) and once with the <see cref="NaiveBaseline"/>, both with the same seed on
/// a clock <see cref="BurstSettings.TimeScale"/> times faster than the wall clock. Every figure is in emulated seconds.
/// </summary>
internal sealed class BurstRunner(BurstSettings settings, TimeProvider wall)
{
    public const string FastScalePolicy = "fastscale";
    public const string NaivePolicy = "naive";

    public Task<BurstRunResult> RunFastScaleAsync(BurstScenario scenario, Action<BurstProgress>? progress, CancellationToken cancellationToken) =>
        RunAsync(scenario, FastScalePolicy, progress, cancellationToken);

    public Task<BurstRunResult> RunBaselineAsync(BurstScenario scenario, Action<BurstProgress>? progress, CancellationToken cancellationToken) =>
        RunAsync(scenario, NaivePolicy, progress, cancellationToken);

    private async Task<BurstRunResult> RunAsync(BurstScenario scenario, string policyName, Action<BurstProgress>? progress, CancellationToken cancellationToken)
    {
        var policy = BurstConditions.PolicyFor(scenario, settings.Policy);
        var group = policy.NodeGroups.FirstOrDefault(g => g.Id == scenario.GroupId)
            ?? throw new InvalidOperationException($"the policy has no node group '{scenario.GroupId}'");
        var time = new ScaledTimeProvider(wall, settings.TimeScale);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await using var world = await BurstWorld.StartAsync(policy, settings.Profile, settings.Seed, time,
            options => BurstConditions.ConfigureEmulator(scenario, options), cancellationToken);
        BurstConditions.InjectFaults(scenario, group, world.Ecs.Faults, settings.Seed);
        await using var kubernetes = KubernetesApiClientFactory.Create(world.Kubernetes, new KubernetesClientOptions { Qps = 0 }, time, NullLoggerFactory.Instance);
        var watch = new NodeReadinessWatch(kubernetes, policy.Region, time);
        var watching = watch.RunAsync(stop.Token);

        WebApplication? app = null;
        GrpcClient? grpc = null;
        HttpClient? naiveHttp = null;
        Func<long> retries = () => 0;
        Func<string, bool> isWarm = _ => false;
        var atStart = CloudCountsAtStart.Empty;
        var background = new List<Task> { watching };
        try
        {
            DateTimeOffset t0;
            if (policyName == FastScalePolicy)
            {
                app = ProviderApp.Build(new ServeSettings
                {
                    Policy = policy,
                    Grpc = new GrpcListenOptions { Listen = "127.0.0.1:0" },
                    MetricsListen = null,
                    Ecs = world.Connection,
                    Kubernetes = world.Kubernetes,
                    Time = time,
                    MinimumLogLevel = LogLevel.Warning,
                });
                await app.StartAsync(cancellationToken);
                var launcher = app.Services.GetRequiredService<Launcher>();
                retries = () => launcher.Retries;
                grpc = new GrpcClient(ProviderApp.GrpcAddress(app));
                var autoscaler = new AutoscalerDriver(grpc, group.Id, time);
                await autoscaler.WaitUntilServingAsync(cancellationToken);
                var pools = app.Services.GetRequiredService<WarmPoolManager>();
                isWarm = pools.IsWarm;
                if (scenario.Condition == BurstCondition.Warm)
                {
                    await WarmPoolPrefill.WaitUntilFullAsync(pools, group.Id, watch, scenario.Timeout, time, cancellationToken);
                    watch.Reset();
                    atStart = CloudCountsAtStart.Take(world, watch.InstancesWithNodes());
                }

                t0 = time.GetUtcNow();
                if (scenario.Demand == BurstDemand.IncreaseSize)
                {
                    await autoscaler.IncreaseSizeAsync(scenario.Nodes, cancellationToken);
                }
                else
                {
                    PendingPodDriver.CreatePods(world.Cluster.Store, scenario.Nodes);
                }

                background.Add(autoscaler.LoopAsync(stop.Token));
            }
            else
            {
                naiveHttp = new HttpClient();
                var naiveCloud = new EcsCloud(
                    new EcsClient(naiveHttp, world.Connection.Options, world.Connection.Credentials, time, NullLogger<EcsClient>.Instance),
                    time, NullLogger<EcsCloud>.Instance);
                var limit = world.Ecs.Emulator.Options.QpsLimits.GetValueOrDefault("RunInstances", 10);
                var naive = new NaiveBaseline(naiveCloud, policy, group, limit, time);
                retries = () => naive.Failures;
                t0 = time.GetUtcNow();
                var delay = scenario.Demand == BurstDemand.PendingPods ? NaiveBaseline.PendingPodDelay : TimeSpan.Zero;
                background.Add(Task.Run(async () =>
                {
                    await Task.Delay(delay, time, stop.Token);
                    await naive.RunAsync(scenario.Nodes, stop.Token);
                }, stop.Token));
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

            var end = time.GetUtcNow();
            var wallSeconds = wall.GetElapsedTime(wallStart).TotalSeconds;
            var measured = new BurstMeasurement(world, watch, policy, t0, scenario.Nodes, atStart, isWarm);
            return measured.Result(policyName, end, wallSeconds, timedOut, retries());
        }
        finally
        {
            await stop.CancelAsync();
            foreach (var task in background)
            {
                await task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            grpc?.Dispose();
            naiveHttp?.Dispose();
            if (app is not null)
            {
                await app.StopAsync(CancellationToken.None);
                await app.DisposeAsync();
            }
        }
    }

    internal static double Seconds(DateTimeOffset at, DateTimeOffset t0) => (at - t0).TotalSeconds;
}
