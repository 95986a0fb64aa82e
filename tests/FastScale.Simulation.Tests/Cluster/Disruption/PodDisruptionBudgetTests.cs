using System.Net;
using System.Text.Json.Nodes;
using static FastScale.Simulation.Tests.Cluster.Disruption.DisruptionWorld;

namespace FastScale.Simulation.Tests.Cluster.Disruption;

public sealed class PodDisruptionBudgetTests
{
    [Fact]
    public async Task Budget_CreateGetListWatchPatchDelete_BehaveAsOtherKinds()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        using var watch = await sim.WatchAsync($"{Budgets}?watch=true");
        var budget = Budget("web", minAvailable: "1");
        budget["metadata"]!["labels"] = new JsonObject { ["tier"] = "front" };

        var created = await CreateBudgetAsync(sim, budget);
        var (listed, list) = await sim.GetAsync("/apis/policy/v1/poddisruptionbudgets?labelSelector=tier%3Dfront");
        var (_, none) = await sim.GetAsync($"{Budgets}?labelSelector=tier%3Dback");
        var (patched, patchedBody) = await sim.MergePatchAsync($"{Budgets}/web", JsonNode.Parse("""{"spec":{"minAvailable":"50%"}}"""));
        var (deleted, _) = await sim.SendAsync(HttpMethod.Delete, $"{Budgets}/web");
        var (gone, goneBody) = await sim.GetAsync($"{Budgets}/web");

        Assert.Equal("policy/v1", (string?)created["apiVersion"]);
        Assert.Equal("PodDisruptionBudget", (string?)created["kind"]);
        Assert.Equal(HttpStatusCode.OK, listed);
        Assert.Equal("PodDisruptionBudgetList", (string?)list["kind"]);
        Assert.Single(list["items"]!.AsArray());
        Assert.Empty(none["items"]!.AsArray());
        Assert.Equal(HttpStatusCode.OK, patched);
        Assert.Equal("50%", (string?)patchedBody["spec"]!["minAvailable"]);
        Assert.Equal(2, (int)patchedBody["metadata"]!["generation"]!);
        Assert.Equal(HttpStatusCode.OK, deleted);
        Assert.Equal(HttpStatusCode.NotFound, gone);
        Assert.Equal("poddisruptionbudgets.policy \"web\" not found", (string?)goneBody["message"]);
        var events = await watch.NextAsync(2);
        Assert.Equal(["ADDED", "MODIFIED"], events.Select(e => (string)e["type"]!));
        Assert.Equal(0, (int)events[1]["object"]!["status"]!["expectedPods"]!);
    }

    [Theory]
    [InlineData("""{"minAvailable":1,"maxUnavailable":1}""", "minAvailable and maxUnavailable cannot be both set")]
    [InlineData("""{}""", "one of minAvailable or maxUnavailable must be set")]
    [InlineData("""{"maxUnavailable":"150%"}""", "must be no more than 100%")]
    [InlineData("""{"minAvailable":-1}""", "must be greater than or equal to 0")]
    public async Task Budget_WithInvalidSpec_IsRejected422(string spec, string why)
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var budget = Budget("bad", minAvailable: "1");
        budget["spec"] = JsonNode.Parse(spec);

        var (status, body) = await sim.PostAsync(Budgets, budget);

        Assert.Equal((HttpStatusCode)422, status);
        Assert.Equal("Invalid", (string?)body["reason"]);
        Assert.Contains(why, (string?)body["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_MinAvailableCount_CountsReadyPodsAndExpectsEverySelectedPod()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            await CreateRunningPodAsync(sim, $"web-{i}");
        }

        await CreateRunningPodAsync(sim, "web-unready", ready: false);
        await CreateRunningPodAsync(sim, "other", app: "other");
        await CreateBudgetAsync(sim, Budget("web", minAvailable: "2"));

        var status = await BudgetStatusAsync(sim, "web");

        Assert.Equal(3, (int)status["currentHealthy"]!);
        Assert.Equal(2, (int)status["desiredHealthy"]!);
        Assert.Equal(4, (int)status["expectedPods"]!);
        Assert.Equal(1, (int)status["disruptionsAllowed"]!);
        Assert.Equal(1, (int)status["observedGeneration"]!);
        var condition = status["conditions"]!.AsArray().Single()!;
        Assert.Equal(("DisruptionAllowed", "True", "SufficientPods"), ((string?)condition["type"], (string?)condition["status"], (string?)condition["reason"]));
    }

    [Theory]
    [InlineData("50%", null, 5, 3, 2)] // minAvailable 2.5 rounds up to 3
    [InlineData("80%", null, 4, 4, 0)] // 3.2 rounds up to 4: nothing may go
    [InlineData(null, "1", 4, 3, 1)]
    [InlineData(null, "30%", 5, 3, 2)] // maxUnavailable 1.5 rounds up to 2
    [InlineData(null, "10%", 5, 4, 1)] // 0.5 rounds up to 1
    public async Task Status_PercentagesAndMaxUnavailable_ScaleTheOwnersReplicasRoundingUp(
        string? minAvailable, string? maxUnavailable, int replicas, int desired, int allowed)
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var owner = await CreateReplicaSetAsync(sim, "web", replicas);
        for (var i = 0; i < replicas; i++)
        {
            await CreateRunningPodAsync(sim, $"web-{i}", owner: owner);
        }

        await CreateBudgetAsync(sim, Budget("web", minAvailable, maxUnavailable));

        var status = await BudgetStatusAsync(sim, "web");

        Assert.Equal(replicas, (int)status["expectedPods"]!);
        Assert.Equal(replicas, (int)status["currentHealthy"]!);
        Assert.Equal(desired, (int)status["desiredHealthy"]!);
        Assert.Equal(allowed, (int)status["disruptionsAllowed"]!);
    }

    [Fact]
    public async Task Status_ExpectedPods_FollowTheOwnersReplicasNotThePodsThatExist()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var owner = await CreateReplicaSetAsync(sim, "web", 4);
        for (var i = 0; i < 3; i++)
        {
            await CreateRunningPodAsync(sim, $"web-{i}", owner: owner);
        }

        await CreateBudgetAsync(sim, Budget("web", maxUnavailable: "1"));
        var short1 = await BudgetStatusAsync(sim, "web");
        await sim.MergePatchAsync($"{ReplicaSets}/web", JsonNode.Parse("""{"spec":{"replicas":3}}"""));
        var scaledDown = await BudgetStatusAsync(sim, "web");

        Assert.Equal((4, 3, 0), ((int)short1["expectedPods"]!, (int)short1["desiredHealthy"]!, (int)short1["disruptionsAllowed"]!));
        Assert.Equal((3, 2, 1), ((int)scaledDown["expectedPods"]!, (int)scaledDown["desiredHealthy"]!, (int)scaledDown["disruptionsAllowed"]!));
    }

    [Fact]
    public async Task Status_PercentBudgetOverAPodWithNoController_AllowsNothing()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        await CreateRunningPodAsync(sim, "bare-0");
        await CreateRunningPodAsync(sim, "bare-1");
        await CreateBudgetAsync(sim, Budget("web", maxUnavailable: "50%"));

        var status = await BudgetStatusAsync(sim, "web");

        Assert.Equal(0, (int)status["disruptionsAllowed"]!);
        Assert.Equal("SyncFailed", (string?)status["conditions"]![0]!["reason"]);
    }

    [Fact]
    public async Task Status_FollowsPodsAsTheyTurnUnreadyAndReady()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            await CreateRunningPodAsync(sim, $"web-{i}");
        }

        await CreateBudgetAsync(sim, Budget("web", minAvailable: "2"));
        await SetRunningAsync(sim, "web-0", ready: false);
        var unready = await BudgetStatusAsync(sim, "web");
        await SetRunningAsync(sim, "web-0", ready: true);
        var ready = await BudgetStatusAsync(sim, "web");

        Assert.Equal((2, 0, "InsufficientPods"), ((int)unready["currentHealthy"]!, (int)unready["disruptionsAllowed"]!, (string?)unready["conditions"]![0]!["reason"]));
        Assert.Equal((3, 1), ((int)ready["currentHealthy"]!, (int)ready["disruptionsAllowed"]!));
        Assert.Equal(0, sim.Server.Counters.DeleteBudgetViolations + sim.Server.Counters.EvictionBudgetViolations);
    }

    [Fact]
    public async Task Status_FollowsPodsThatLeaveOrJoinTheSelector_AndBudgetsThatChangeOrComeBack()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            await CreateRunningPodAsync(sim, $"web-{i}");
        }

        await CreateRunningPodAsync(sim, "api-0", app: "api");
        await CreateBudgetAsync(sim, Budget("web", minAvailable: "1"));
        await sim.MergePatchAsync($"/api/v1/namespaces/default/pods/web-0", JsonNode.Parse("""{"metadata":{"labels":{"app":"other"}}}"""));
        var relabelled = await BudgetStatusAsync(sim, "web");
        await sim.MergePatchAsync($"/api/v1/namespaces/default/pods/api-0", JsonNode.Parse("""{"metadata":{"labels":{"app":"web"}}}"""));
        var joined = await BudgetStatusAsync(sim, "web");
        await sim.SendAsync(HttpMethod.Delete, $"{Budgets}/web");
        await sim.SendAsync(HttpMethod.Delete, $"/api/v1/namespaces/default/pods/web-1");
        await CreateBudgetAsync(sim, Budget("web", minAvailable: "1"));
        var recreated = await BudgetStatusAsync(sim, "web");
        await sim.MergePatchAsync($"{Budgets}/web", JsonNode.Parse("""{"spec":{"selector":{"matchLabels":{"app":"other"}}}}"""));
        var reselected = await BudgetStatusAsync(sim, "web");

        Assert.Equal(2, (int)relabelled["expectedPods"]!);
        Assert.Equal(3, (int)joined["expectedPods"]!);
        Assert.Equal(2, (int)recreated["expectedPods"]!);
        Assert.Equal(1, (int)reselected["expectedPods"]!);
    }
}
