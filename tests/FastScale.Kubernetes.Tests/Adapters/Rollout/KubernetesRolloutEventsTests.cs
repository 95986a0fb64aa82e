using FastScale.Engine.Rollout;
using FastScale.Kubernetes.Adapters.Rollout;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Config;
using FastScale.Kubernetes.Models;
using FastScale.Simulation.Cluster;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastScale.Kubernetes.Tests.Adapters.Rollout;

/// <summary>Rollout Events, posted through our client to the cluster simulator and read back from it.</summary>
public sealed class KubernetesRolloutEventsTests : IAsyncLifetime
{
    private static readonly RolloutEventTarget Pod = new("kube-system", "fastscale-7d9f-abc");
    private ClusterSimulatorServer _cluster = null!;
    private IKubernetesApiClient _client = null!;
    private readonly List<KubernetesRolloutEvents> _started = [];

    public async Task InitializeAsync()
    {
        _cluster = await ClusterSimulatorServer.StartAsync(new ClusterSimulatorOptions { Listen = "127.0.0.1:0" });
        _client = KubernetesApiClientFactory.Create(KubernetesClientConfig.ForServer(_cluster.Address), new KubernetesClientOptions { Qps = 0 });
    }

    public async Task DisposeAsync()
    {
        foreach (var events in _started)
        {
            await events.StopAsync(CancellationToken.None);
        }

        await _client.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    private async Task<KubernetesRolloutEvents> StartAsync(RolloutEventTarget? target)
    {
        var events = new KubernetesRolloutEvents(_client, target, TimeProvider.System, NullLogger<KubernetesRolloutEvents>.Instance);
        await events.StartAsync(CancellationToken.None);
        _started.Add(events);
        return events;
    }

    private async Task<IReadOnlyList<KubernetesEvent>> EventsAfterAsync(KubernetesRolloutEvents events, int posted)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (events.Posted < posted)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System, timeout.Token);
        }

        return (await _client.ListAllAsync(KubernetesResources.Events, null, null, CancellationToken.None)).Value!.Items;
    }

    [Fact]
    public async Task Record_NamingANode_PostsAWarningOnTheNode_WhereKubectlDescribeNodeFindsIt()
    {
        var events = await StartAsync(Pod);

        events.Record(new RolloutEvent("g1", "DrainTimedOut", "3 pods left after 10m, node left cordoned", Warning: true, NodeName: "node-a"));
        var posted = Assert.Single(await EventsAfterAsync(events, 1));

        Assert.Equal(("Warning", "DrainTimedOut"), (posted.Type, posted.Reason));
        Assert.Equal("default", posted.Metadata!.Namespace);
        Assert.Equal(("Node", "node-a", "node-a", null), (posted.InvolvedObject!.Kind, posted.InvolvedObject.Name, posted.InvolvedObject.Uid, posted.InvolvedObject.Namespace));
        Assert.Contains("g1", posted.Message, StringComparison.Ordinal);
        Assert.Contains("3 pods left", posted.Message, StringComparison.Ordinal);
        Assert.StartsWith("node-a.", posted.Metadata.Name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_NamingNoNode_PostsANormalEventOnTheFastScalePod()
    {
        var events = await StartAsync(Pod);

        events.Record(new RolloutEvent("g1", "RolloutStarted", "12 nodes drifted"));
        var posted = Assert.Single(await EventsAfterAsync(events, 1));

        Assert.Equal("Normal", posted.Type);
        Assert.Equal("kube-system", posted.Metadata!.Namespace);
        Assert.Equal(("Pod", "kube-system", "fastscale-7d9f-abc"), (posted.InvolvedObject!.Kind, posted.InvolvedObject.Namespace, posted.InvolvedObject.Name));
    }

    [Fact]
    public async Task Record_SameFactAfterARestart_DoesNotPostASecondEvent()
    {
        var first = await StartAsync(Pod);
        var second = await StartAsync(Pod);
        var halted = new RolloutEvent("g1", "RolloutHalted", "replacement i-9 not Ready within 5m", Warning: true);

        first.Record(halted);
        await EventsAfterAsync(first, 1);
        second.Record(halted);
        second.Record(new RolloutEvent("g1", "NodeDraining", "draining", NodeName: "node-b"));
        var all = await EventsAfterAsync(second, 2);

        Assert.Equal(["RolloutHalted", "NodeDraining"], all.Select(e => e.Reason!).OrderByDescending(r => r, StringComparer.Ordinal));
    }

    [Fact]
    public void Target_FromTheDownwardApi_NeedsBothPodNameAndNamespace()
    {
        Assert.Equal(Pod, RolloutEventTarget.FromEnvironment(v => v switch { "POD_NAME" => "fastscale-7d9f-abc", "POD_NAMESPACE" => "kube-system", _ => null }));
        Assert.Null(RolloutEventTarget.FromEnvironment(v => v == "POD_NAME" ? "fastscale-7d9f-abc" : null));
    }
}
