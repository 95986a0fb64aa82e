using FastScale.Burst;
using FastScale.Engine.Leadership;
using FastScale.Engine.NodeGroups;
using FastScale.Grpc.Transport;
using FastScale.Kubernetes.Adapters.Leadership;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.LeaderElection;
using FastScale.Kubernetes.Models;
using FastScale.Serve;
using FastScale.Simulation.LatencyModel;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace FastScale.Tests.Serve;

/// <summary>
/// Two replicas of the provider in one process against one embedded world, both electing a leader on the cluster
/// simulator's Lease. A 100-node burst goes to the leader through IncreaseSize; mid-burst the leader dies (a crash that
/// keeps the lease, or a graceful stop that releases it) and the autoscaler retries on the other replica. The follower
/// must take over from the cloud's tags: every node Ready, nothing created twice, nothing leaked. The world runs on a
/// clock 8x faster than real time, with the fast latency profile.
/// </summary>
public sealed class LeaderFailoverTests(ITestOutputHelper output)
{
    private const double TimeScale = 8;
    private const int Nodes = 100;
    private const string Group = "general";

    [Fact]
    public Task Crash_FollowerTakesOverAfterTheLeaseRunsOut_NoDuplicatesNoLeaks() => RunAsync(crash: true);

    [Fact]
    public Task GracefulStop_ReleasesTheLease_FollowerTakesOverAtOnce_NoDuplicatesNoLeaks() => RunAsync(crash: false);

    private async Task RunAsync(bool crash)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var ct = timeout.Token;
        var policy = EmbeddedPolicy.Load().Policy!;
        var profile = LatencyProfileLoader.LoadEmbedded("fast").GetOrThrow();
        var time = new ScaledTimeProvider(TimeProvider.System, TimeScale);
        await using var world = await BurstWorld.StartAsync(policy, profile, seed: 1, BurstTempo.Instant, time, configure: null, ct);
        await using var kubernetes = KubernetesApiClientFactory.Create(world.Kubernetes, new KubernetesClientOptions { Qps = 0 }, time, NullLoggerFactory.Instance);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var watch = new NodeReadinessWatch(kubernetes, time);
        var watching = watch.RunAsync(stop.Token);

        // A crash: the leader dies as its second RunInstances call is about to leave, keeping the lease and cancelling
        // what is in flight. A graceful stop: SIGTERM once the first half is requested; in-flight calls finish, lease released.
        var fatal = crash ? new ProviderCrash(crashAtRunInstances: 2, answerLost: false) : null;
        foreach (var pod in new[] { "replica-a", "replica-b" })
        {
            Assert.True((await kubernetes.CreateAsync(KubernetesResources.Pods, new Pod
            {
                Metadata = new ObjectMeta { Name = pod, Namespace = "kube-system", Labels = new Dictionary<string, string> { [LeaderPodLabelOptions.LabelKey] = "false" } },
                Spec = new PodSpec { NodeName = "control-plane-0" },
            }, ct)).IsSuccess);
        }

        var leader = Build(policy, world, time, "replica-a", fatal, crash);
        var follower = Build(policy, world, time, "replica-b", null, crash: false);
        try
        {
            await leader.StartAsync(ct);
            await WaitUntilAsync(() => RoleOf(leader).IsActive, time, ct);
            await follower.StartAsync(ct);
            Assert.Equal(["replica-a"], await LabelledLeadersAsync(kubernetes, "replica-a", time, ct));
            using var clientA = new GrpcClient(ProviderApp.GrpcAddress(leader));
            using var clientB = new GrpcClient(ProviderApp.GrpcAddress(follower));
            var autoscaler = new ReplicaDriver([("replica-a", clientA), ("replica-b", clientB)], Group, time);

            var t0 = time.GetUtcNow();
            Assert.Equal("replica-a", await autoscaler.EnsureTargetAsync(Nodes / 2, ct));
            await WaitUntilAsync(() => world.Ecs.Emulator.Instances().Count >= Nodes / 2, time, ct);
            if (fatal is not null)
            {
                Assert.Equal("replica-a", await autoscaler.EnsureTargetAsync(Nodes, ct));
                await fatal.Crashed.WaitAsync(ct);
            }

            var diedAt = time.GetUtcNow();
            var instancesAtDeath = world.Ecs.Emulator.Instances().Count;
            await leader.StopAsync(CancellationToken.None);
            Assert.False(RoleOf(leader).IsLeader);

            var writer = await autoscaler.EnsureTargetAsync(Nodes, ct);
            var activeAt = time.GetUtcNow();
            await WaitUntilAsync(() => watch.ReadyCount >= Nodes, time, ct);
            var end = time.GetUtcNow();

            var takeover = world.Ecs.Counters.FirstCallAt("RunInstances", diedAt) is { } first ? (first - diedAt).TotalSeconds : double.NaN;
            var run = new BurstMeasurement(world, watch, policy, t0, Nodes, CloudCountsAtStart.Empty, _ => false)
                .Result("fastscale", end, 0, timedOut: false, retries: 0);
            output.WriteLine(
                $"{(crash ? "crash" : "graceful stop")}: leader died at {(diedAt - t0).TotalSeconds:0.0} s with {instancesAtDeath} instances; " +
                $"takeover (death to the follower's first RunInstances) {takeover:0.0} s, follower accepting writes after {(activeAt - diedAt).TotalSeconds:0.0} s; " +
                $"ready {run.NodesReady}/{Nodes} in {(end - t0).TotalSeconds:0.0} s, p90 {run.Ready.P90:0.0} s; " +
                $"created {run.InstancesCreated}, duplicates {run.DuplicateInstances}, leaks {run.LeakedInstances}; RunInstances {run.CloudCalls["RunInstances"]}");

            Assert.Equal("replica-b", writer);
            // The leader-only Service now selects the new leader, and only it.
            Assert.Equal(["replica-b"], await LabelledLeadersAsync(kubernetes, "replica-b", time, ct));
            Assert.True(RoleOf(follower).IsLeader);
            Assert.Equal(Nodes / 2, instancesAtDeath);
            Assert.Equal(Nodes, run.NodesReady);
            Assert.Equal(Nodes, run.InstancesCreated);
            Assert.Equal(0, run.DuplicateInstances);
            Assert.Equal(0, run.LeakedInstances);
            Assert.False(double.IsNaN(takeover), "the follower never launched");
            // A crash waits out the 15 s lease; a released lease is taken at the follower's next retry (2 s, jittered).
            Assert.InRange(takeover, 0, crash ? 30 : 8);
        }
        finally
        {
            await stop.CancelAsync();
            await watching.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            foreach (var app in new[] { follower, leader })
            {
                await app.StopAsync(CancellationToken.None);
                await app.DisposeAsync();
            }
        }
    }

    private static WebApplication Build(Engine.Policy.ScalePolicy policy, BurstWorld world, TimeProvider time, string identity, ProviderCrash? fatal, bool crash) =>
        ProviderApp.Build(new ServeSettings
        {
            Policy = policy,
            Grpc = new GrpcListenOptions { Listen = "127.0.0.1:0" },
            MetricsListen = null,
            Ecs = world.Connection,
            EcsHandler = fatal,
            Kubernetes = world.Kubernetes,
            LeaderElection = new LeaderElectionOptions { LeaseNamespace = "kube-system", LeaseName = "fastscale", Identity = identity, ReleaseOnCancel = !crash },
            LeaderPodLabel = new LeaderPodLabelOptions { PodName = identity, PodNamespace = "kube-system" },
            Reconciler = crash ? new ReconcilerOptions { ShutdownTimeout = TimeSpan.Zero } : new ReconcilerOptions(),
            Time = time,
            MinimumLogLevel = LogLevel.Warning,
        });

    private static ReplicaRole RoleOf(WebApplication app) => app.Services.GetRequiredService<ReplicaRole>();

    /// <summary>The pods labelled leader once <paramref name="expected"/> carries the label (what the leader-only Service selects).</summary>
    private static async Task<List<string>> LabelledLeadersAsync(IKubernetesApiClient kubernetes, string expected, TimeProvider time, CancellationToken ct)
    {
        while (true)
        {
            var pods = (await kubernetes.ListAllAsync(KubernetesResources.Pods, "kube-system", null, ct)).GetValueOrThrow().Items;
            var leaders = pods.Where(p => p.Metadata?.Labels?.GetValueOrDefault(LeaderPodLabelOptions.LabelKey) == "true").Select(p => p.Metadata!.Name!).ToList();
            if (leaders.Contains(expected))
            {
                return leaders;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), time, ct);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> done, TimeProvider time, CancellationToken ct)
    {
        while (!done())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), time, ct);
        }
    }
}
