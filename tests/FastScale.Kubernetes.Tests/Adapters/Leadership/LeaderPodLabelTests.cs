using FastScale.Engine.Leadership;
using FastScale.Kubernetes.Adapters.Leadership;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Config;
using FastScale.Kubernetes.Models;
using FastScale.Kubernetes.Tests.TestSupport;
using FastScale.Simulation.Cluster;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Kubernetes.Tests.Adapters.Leadership;

/// <summary>
/// Two replicas' label services against the cluster simulator, through our client, with their roles driven by hand as
/// the elector would: what they patch is what a real API server, and so the leader-only Service, would see.
/// </summary>
public sealed class LeaderPodLabelTests : IAsyncLifetime
{
    private const string Namespace = "kube-system";
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);
    private ClusterSimulatorServer _cluster = null!;
    private IKubernetesApiClient _client = null!;

    public async Task InitializeAsync()
    {
        _cluster = await ClusterSimulatorServer.StartAsync(new ClusterSimulatorOptions { Listen = "127.0.0.1:0" });
        _client = KubernetesApiClientFactory.Create(KubernetesClientConfig.ForServer(_cluster.Address), new KubernetesClientOptions { Qps = 0 });
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task TwoReplicas_LeaderPodTrueFollowerFalse_AndTheLabelsFlipWhenLeadershipMoves()
    {
        // fastscale-a restarts with the label its previous container left: it must leave the Service before competing.
        await CreatePodAsync("fastscale-a", leader: "true");
        await CreatePodAsync("fastscale-b", leader: null);
        var (roleA, roleB) = (ReplicaRole.Elected(), ReplicaRole.Elected());
        var labelA = Label("fastscale-a", roleA, TimeProvider.System);
        var labelB = Label("fastscale-b", roleB, TimeProvider.System);
        await labelA.StartAsync(CancellationToken.None);
        await labelB.StartAsync(CancellationToken.None);

        await Task.WhenAll(labelA.Cleared, labelB.Cleared).WaitAsync(Limit);
        Assert.Equal("false", await LabelOfAsync("fastscale-a"));
        Assert.Equal("false", await LabelOfAsync("fastscale-b"));

        await ActivateAsync(roleA);
        await UntilLabelsAsync(a: "true", b: "false");
        Assert.True(labelA.Labelled);
        Assert.False(labelB.Labelled);

        // A loses the lease, B takes it and rebuilds; only then is B routed to.
        roleA.Follow();
        roleB.Lead();
        await UntilLabelsAsync(a: "false", b: "false");
        await ActivateAsync(roleB);
        await UntilLabelsAsync(a: "false", b: "true");

        // Graceful shutdown of the leader: its pod leaves the Service before StopAsync returns (before the lease goes).
        await labelB.StopAsync(CancellationToken.None);
        Assert.Equal("false", await LabelOfAsync("fastscale-b"));
        await labelA.StopAsync(CancellationToken.None);
        Assert.Equal("false", await LabelOfAsync("fastscale-a"));
    }

    [Fact]
    public async Task PatchFailure_IsRetriedAfterABackOffOnTheTimeProvider_UntilItSucceeds()
    {
        // The pod does not exist yet, so the first patch fails (404 from the simulator).
        var time = new FakeTimeProvider();
        var label = Label("fastscale-late", ReplicaRole.Single(), time);
        await label.StartAsync(CancellationToken.None);
        await label.Cleared.WaitAsync(Limit);
        Assert.Null(label.Labelled);

        await CreatePodAsync("fastscale-late", leader: "false");
        await Poll.UntilAsync(async () =>
        {
            time.Advance(TimeSpan.FromSeconds(1)); // the retry waits on the provider's clock, never the wall clock
            return await LabelOfAsync("fastscale-late") == "true";
        }, "the leader label after a failed patch", seconds: 10);

        Assert.True(label.Labelled);
        await label.StopAsync(CancellationToken.None);
        Assert.Equal("false", await LabelOfAsync("fastscale-late"));
    }

    [Fact]
    public async Task Follower_NeverCompeting_TouchesOnlyItsOwnPod()
    {
        await CreatePodAsync("fastscale-a", leader: "true");
        await CreatePodAsync("other", leader: "true");
        var label = Label("fastscale-a", ReplicaRole.Elected(), TimeProvider.System);
        await label.StartAsync(CancellationToken.None);
        await label.Cleared.WaitAsync(Limit);
        await label.StopAsync(CancellationToken.None);

        Assert.Equal("false", await LabelOfAsync("fastscale-a"));
        Assert.Equal("true", await LabelOfAsync("other"));
    }

    private LeaderPodLabel Label(string pod, ReplicaRole role, TimeProvider time) => new(
        _client,
        new LeaderPodLabelOptions { PodName = pod, PodNamespace = Namespace, RetryInitial = TimeSpan.FromSeconds(1), RetryMax = TimeSpan.FromSeconds(2) },
        role,
        time,
        NullLogger<LeaderPodLabel>.Instance);

    private static async Task ActivateAsync(ReplicaRole role)
    {
        role.Lead();
        role.Activate((await role.WaitForTermAsync(TimeSpan.Zero, TimeProvider.System, CancellationToken.None))!.Value);
    }

    private async Task CreatePodAsync(string name, string? leader)
    {
        var labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "fastscale" };
        if (leader is not null)
        {
            labels[LeaderPodLabelOptions.LabelKey] = leader;
        }

        var created = await _client.CreateAsync(KubernetesResources.Pods, new Pod
        {
            Metadata = new ObjectMeta { Name = name, Namespace = Namespace, Labels = labels },
            Spec = new PodSpec { NodeName = "control-plane-0" },
        }, CancellationToken.None);
        Assert.True(created.IsSuccess, created.ToString());
    }

    private async Task<string?> LabelOfAsync(string pod) =>
        (await _client.GetAsync(KubernetesResources.Pods, Namespace, pod, CancellationToken.None)).Value?.Metadata?.Labels?.GetValueOrDefault(LeaderPodLabelOptions.LabelKey);

    private Task UntilLabelsAsync(string a, string b) =>
        Poll.UntilAsync(async () => await LabelOfAsync("fastscale-a") == a && await LabelOfAsync("fastscale-b") == b, $"fastscale-a={a}, fastscale-b={b}", seconds: 10);
}
