using System.Text.Json.Nodes;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Models;
using FastScale.Simulation.Cluster;

namespace FastScale.Kubernetes.Tests.AgainstSimulator;

/// <summary>Our client's Eviction against the simulator's eviction subresource, which the interop suite proves against the official client.</summary>
public sealed class EvictionAgainstSimulatorTests : IAsyncLifetime
{
    private SimulatorHarness _sim = null!;

    public async Task InitializeAsync() => _sim = await SimulatorHarness.StartAsync();

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    private void ReadyPodUnderBudget(string name, int minAvailable)
    {
        _sim.SeedPod("default", name, new Dictionary<string, string> { ["app"] = name });
        SimulatorHarness.Check(_sim.Store.Patch(ResourceKind.Pods, "default", name, PatchType.Merge, JsonNode.Parse(
            """{"status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}}""")!, statusSubresource: true));
        SimulatorHarness.Check(_sim.Store.Create(ResourceKind.PodDisruptionBudgets, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject { ["minAvailable"] = minAvailable, ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } } },
        }, "default"));
    }

    [Fact]
    public async Task Evict_BudgetAllows_IsEvictedAndThePodIsGone()
    {
        ReadyPodUnderBudget("web", minAvailable: 0);
        var client = _sim.Client();

        var answer = await client.EvictAsync("default", "web", new DeleteOptions { GracePeriodSeconds = 30 }, default);

        Assert.Equal(new EvictionAnswer(EvictionOutcome.Evicted), answer.GetValueOrThrow());
        Assert.False(_sim.Store.Get(ResourceKind.Pods, "default", "web").IsSuccess);
        Assert.Equal(1, _sim.Server.Counters.EvictionsAllowed);
    }

    [Fact]
    public async Task Evict_BudgetAllowsNone_IsRefusedWithTheServersRetryAfter_AndThePodStays()
    {
        ReadyPodUnderBudget("db", minAvailable: 1);
        var client = _sim.Client();

        var answer = await client.EvictAsync("default", "db", null, default);

        Assert.Equal(new EvictionAnswer(EvictionOutcome.Refused, TimeSpan.FromSeconds(10)), answer.GetValueOrThrow());
        Assert.True(_sim.Store.Get(ResourceKind.Pods, "default", "db").IsSuccess);
        Assert.Equal(1, _sim.Server.Counters.EvictionsRefused);
    }

    [Fact]
    public async Task Evict_PodMissing_IsPodGone()
    {
        var answer = await _sim.Client().EvictAsync("default", "nobody", null, default);

        Assert.Equal(new EvictionAnswer(EvictionOutcome.PodGone), answer.GetValueOrThrow());
    }

    [Fact]
    public async Task Evict_OtherFailure_IsAnError()
    {
        // Two budgets over one pod: the real subresource answers 500, which is no refusal to retry on a schedule.
        ReadyPodUnderBudget("twice", minAvailable: 0);
        SimulatorHarness.Check(_sim.Store.Create(ResourceKind.PodDisruptionBudgets, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "twice-2" },
            ["spec"] = new JsonObject { ["maxUnavailable"] = 1, ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = "twice" } } },
        }, "default"));

        var answer = await _sim.Client().EvictAsync("default", "twice", null, default);

        Assert.False(answer.IsSuccess);
        Assert.Equal(500, answer.Error.Code);
    }
}
