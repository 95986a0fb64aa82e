using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using static FastScale.Simulation.Tests.Cluster.Disruption.DisruptionWorld;

namespace FastScale.Simulation.Tests.Cluster.Disruption;

public sealed class EvictionTests
{
    [Fact]
    public async Task Evict_PodWithNoBudget_Answers201SuccessAndDeletesThePod()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        await CreateRunningPodAsync(sim, "web-0");

        var (status, body) = await EvictAsync(sim, "web-0");
        var (after, _) = await sim.GetAsync("/api/v1/namespaces/default/pods/web-0");

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(("Status", "Success"), ((string?)body["kind"], (string?)body["status"]));
        Assert.Equal(HttpStatusCode.NotFound, after);
        Assert.Equal(1, sim.Server.Counters.EvictionsAllowed);
    }

    [Fact]
    public async Task Evict_MissingPod_Answers404Status()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        var (status, body) = await EvictAsync(sim, "ghost");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(("Failure", "NotFound", "pods \"ghost\" not found"), ((string?)body["status"], (string?)body["reason"], (string?)body["message"]));
        Assert.Equal(1, sim.Server.Counters.EvictionsNotFound);
    }

    [Fact]
    public async Task Evict_WhenBudgetAllowsNone_Answers429WithCauseAndRetryAfter()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        await CreateRunningPodAsync(sim, "web-0");
        await CreateRunningPodAsync(sim, "web-1");
        await CreateBudgetAsync(sim, Budget("web", minAvailable: "2"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/namespaces/default/pods/web-0/eviction")
        {
            Content = new StringContent("""{"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"web-0"}}""", Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };

        using var response = await sim.Http.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var (stillThere, _) = await sim.GetAsync("/api/v1/namespaces/default/pods/web-0");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(10), response.Headers.RetryAfter?.Delta);
        Assert.Equal("TooManyRequests", (string?)body["reason"]);
        Assert.Equal("Cannot evict pod as it would violate the pod's disruption budget.", (string?)body["message"]);
        var cause = body["details"]!["causes"]![0]!;
        Assert.Equal("DisruptionBudget", (string?)cause["reason"]);
        Assert.Equal("The disruption budget web needs 2 healthy pods and has 2 currently", (string?)cause["message"]);
        Assert.Equal(HttpStatusCode.OK, stillThere);
        Assert.Equal(1, sim.Server.Counters.EvictionsRefused);
    }

    [Fact]
    public async Task Evict_PodSelectedByTwoBudgets_Answers500()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        await CreateRunningPodAsync(sim, "web-0");
        await CreateBudgetAsync(sim, Budget("a", minAvailable: "0"));
        await CreateBudgetAsync(sim, Budget("b", maxUnavailable: "1"));

        var (status, body) = await EvictAsync(sim, "web-0");

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal("This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.", (string?)body["message"]);
        Assert.Equal(1, sim.Server.Counters.EvictionsFailed);
    }

    [Fact]
    public async Task Evict_SpendsTheBudgetAtOnce_SoTheNextEvictionIsRefused()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            await CreateRunningPodAsync(sim, $"web-{i}");
        }

        await CreateBudgetAsync(sim, Budget("web", minAvailable: "2"));

        var (first, _) = await EvictAsync(sim, "web-0");
        var spent = await BudgetStatusAsync(sim, "web");
        var (second, _) = await EvictAsync(sim, "web-1");

        Assert.Equal(HttpStatusCode.Created, first);
        Assert.Equal((2, 0), ((int)spent["currentHealthy"]!, (int)spent["disruptionsAllowed"]!));
        Assert.Equal(HttpStatusCode.TooManyRequests, second);
        Assert.Equal(0, sim.Server.Counters.EvictionBudgetViolations);
    }

    [Fact]
    public async Task Evict_TwentyAtOnceWithThreeAllowed_ExactlyThreeSucceed()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        for (var i = 0; i < 23; i++)
        {
            await CreateRunningPodAsync(sim, $"web-{i}");
        }

        await CreateBudgetAsync(sim, Budget("web", minAvailable: "20"));
        Assert.Equal(3, (int)(await BudgetStatusAsync(sim, "web"))["disruptionsAllowed"]!);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => EvictAsync(sim, $"web-{i}"))));
        var status = await BudgetStatusAsync(sim, "web");
        var (_, pods) = await sim.GetAsync("/api/v1/namespaces/default/pods");

        Assert.Equal(3, answers.Count(a => a.Status == HttpStatusCode.Created));
        Assert.Equal(17, answers.Count(a => a.Status == HttpStatusCode.TooManyRequests));
        Assert.Equal(20, pods["items"]!.AsArray().Count);
        Assert.Equal((20, 0), ((int)status["currentHealthy"]!, (int)status["disruptionsAllowed"]!));
        Assert.Equal((3, 17, 0L), (sim.Server.Counters.EvictionsAllowed, sim.Server.Counters.EvictionsRefused, sim.Server.Counters.EvictionBudgetViolations));
    }

    [Fact]
    public async Task Evict_UnreadyPodWhileBudgetIsHealthy_GoesWithoutSpendingADisruption()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            await CreateRunningPodAsync(sim, $"web-{i}");
        }

        await CreateRunningPodAsync(sim, "web-sick", ready: false);
        await CreateBudgetAsync(sim, Budget("web", minAvailable: "3"));

        var (status, _) = await EvictAsync(sim, "web-sick");
        var (healthy, _) = await EvictAsync(sim, "web-0");

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(HttpStatusCode.TooManyRequests, healthy);
    }

    [Fact]
    public async Task Evict_UnreadyPodWhileBudgetIsShort_IsRefused()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        await CreateRunningPodAsync(sim, "web-0");
        await CreateRunningPodAsync(sim, "web-sick", ready: false);
        await CreateBudgetAsync(sim, Budget("web", minAvailable: "2"));

        var (status, _) = await EvictAsync(sim, "web-sick");

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
    }

    [Fact]
    public async Task Evict_PendingPod_IgnoresItsBudget()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        await sim.CreatePodAsync("default", "web-pending", labels: new Dictionary<string, string> { ["app"] = "web" });
        await CreateBudgetAsync(sim, Budget("web", maxUnavailable: "0"));

        var (status, _) = await EvictAsync(sim, "web-pending", apiVersion: "policy/v1beta1");

        Assert.Equal(HttpStatusCode.Created, status);
    }

    [Fact]
    public async Task Evict_WithStaleUidPrecondition_Answers409AndKeepsThePod()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        await CreateRunningPodAsync(sim, "web-0");

        var (status, body) = await EvictAsync(sim, "web-0", new JsonObject
        {
            ["gracePeriodSeconds"] = 30,
            ["preconditions"] = new JsonObject { ["uid"] = "00000000-0000-0000-0000-000000000000" },
        });
        var (kept, _) = await sim.GetAsync("/api/v1/namespaces/default/pods/web-0");

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("Precondition failed", (string?)body["message"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, kept);
    }

    [Fact]
    public async Task Evict_DryRun_AnswersSuccessButKeepsThePodAndTheBudget()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        await CreateRunningPodAsync(sim, "web-0");
        await CreateRunningPodAsync(sim, "web-1");
        await CreateBudgetAsync(sim, Budget("web", minAvailable: "1"));

        var (status, _) = await EvictAsync(sim, "web-0", new JsonObject { ["dryRun"] = new JsonArray("All") });
        var (kept, _) = await sim.GetAsync("/api/v1/namespaces/default/pods/web-0");

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(HttpStatusCode.OK, kept);
        Assert.Equal(1, (int)(await BudgetStatusAsync(sim, "web"))["disruptionsAllowed"]!);
    }

    [Fact]
    public async Task Delete_OfAGuardedPodPastItsBudget_IsCountedAsADeleteViolationNotAnEvictionOne()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        await CreateRunningPodAsync(sim, "web-0");
        await CreateRunningPodAsync(sim, "web-1");
        await CreateBudgetAsync(sim, Budget("web", minAvailable: "2"));

        var (deleted, _) = await sim.SendAsync(HttpMethod.Delete, "/api/v1/namespaces/default/pods/web-0");

        Assert.Equal(HttpStatusCode.OK, deleted);
        Assert.Equal((1L, 0L), (sim.Server.Counters.DeleteBudgetViolations, sim.Server.Counters.EvictionBudgetViolations));
    }

    [Fact]
    public async Task Discovery_ListsTheEvictionSubresourceAndThePolicyGroup()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        var (_, core) = await sim.GetAsync("/api/v1");
        var (_, policy) = await sim.GetAsync("/apis/policy/v1");

        var eviction = core["resources"]!.AsArray().Single(r => (string?)r!["name"] == "pods/eviction")!;
        Assert.Equal(("Eviction", "policy", "v1"), ((string?)eviction["kind"], (string?)eviction["group"], (string?)eviction["version"]));
        Assert.Contains(policy["resources"]!.AsArray(), r => (string?)r!["name"] == "poddisruptionbudgets/status");
    }
}
