using System.Net;
using System.Text.Json.Nodes;

namespace FastScale.Simulation.Tests.Cluster.Disruption;

/// <summary>Builds budgets, ReplicaSets and running pods over the wire, for the budget and eviction tests.</summary>
internal static class DisruptionWorld
{
    public const string Budgets = "/apis/policy/v1/namespaces/default/poddisruptionbudgets";

    public const string ReplicaSets = "/apis/apps/v1/namespaces/default/replicasets";

    public static JsonObject Budget(string name, string? minAvailable = null, string? maxUnavailable = null, string app = "web")
    {
        var spec = new JsonObject { ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = app } } };
        if (minAvailable is not null)
        {
            spec["minAvailable"] = JsonNode.Parse(minAvailable.EndsWith('%') ? $"\"{minAvailable}\"" : minAvailable);
        }

        if (maxUnavailable is not null)
        {
            spec["maxUnavailable"] = JsonNode.Parse(maxUnavailable.EndsWith('%') ? $"\"{maxUnavailable}\"" : maxUnavailable);
        }

        return new JsonObject { ["apiVersion"] = "policy/v1", ["kind"] = "PodDisruptionBudget", ["metadata"] = new JsonObject { ["name"] = name }, ["spec"] = spec };
    }

    public static async Task<JsonObject> CreateBudgetAsync(SimulatorHarness sim, JsonObject budget)
    {
        var (status, body) = await sim.PostAsync(Budgets, budget);
        Assert.True(status == HttpStatusCode.Created, body.ToJsonString());
        return body;
    }

    public static async Task<JsonObject> BudgetStatusAsync(SimulatorHarness sim, string name)
    {
        var (status, body) = await sim.GetAsync($"{Budgets}/{name}");
        Assert.Equal(HttpStatusCode.OK, status);
        return body["status"]!.AsObject();
    }

    /// <summary>A ReplicaSet with no controller running: tests that need only its replica count.</summary>
    public static async Task<JsonObject> CreateReplicaSetAsync(SimulatorHarness sim, string name, int replicas, string app = "web")
    {
        var (status, body) = await sim.PostAsync(ReplicaSets, ReplicaSet(name, replicas, app));
        Assert.Equal(HttpStatusCode.Created, status);
        return body;
    }

    public static JsonObject ReplicaSet(string name, int replicas, string app = "web", string cpu = "100m") => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "ReplicaSet",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject
        {
            ["replicas"] = replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = app } },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = app } },
                ["spec"] = new JsonObject
                {
                    ["containers"] = new JsonArray(new JsonObject
                    {
                        ["name"] = "app",
                        ["image"] = "registry.example/app:v1",
                        ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = cpu } },
                    }),
                },
            },
        },
    };

    /// <summary>A pod bound to n1, Running, Ready or not, optionally controlled by a ReplicaSet.</summary>
    public static async Task CreateRunningPodAsync(SimulatorHarness sim, string name, bool ready = true, JsonObject? owner = null, string app = "web")
    {
        var pod = SimulatorHarness.Pod(name, "n1", new Dictionary<string, string> { ["app"] = app });
        if (owner is not null)
        {
            pod["metadata"]!["ownerReferences"] = new JsonArray(new JsonObject
            {
                ["apiVersion"] = "apps/v1",
                ["kind"] = "ReplicaSet",
                ["name"] = owner["metadata"]!["name"]!.DeepClone(),
                ["uid"] = owner["metadata"]!["uid"]!.DeepClone(),
                ["controller"] = true,
            });
        }

        var (created, _) = await sim.PostAsync("/api/v1/namespaces/default/pods", pod);
        Assert.Equal(HttpStatusCode.Created, created);
        await SetRunningAsync(sim, name, ready);
    }

    public static async Task SetRunningAsync(SimulatorHarness sim, string name, bool ready)
    {
        var (status, body) = await sim.MergePatchAsync($"/api/v1/namespaces/default/pods/{name}/status", new JsonObject
        {
            ["status"] = new JsonObject
            {
                ["phase"] = "Running",
                ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = ready ? "True" : "False" }),
            },
        });
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
    }

    public static Task<(HttpStatusCode Status, JsonObject Body)> EvictAsync(SimulatorHarness sim, string pod, JsonObject? deleteOptions = null, string apiVersion = "policy/v1")
    {
        var eviction = new JsonObject
        {
            ["apiVersion"] = apiVersion,
            ["kind"] = "Eviction",
            ["metadata"] = new JsonObject { ["name"] = pod, ["namespace"] = "default" },
        };
        if (deleteOptions is not null)
        {
            eviction["deleteOptions"] = deleteOptions;
        }

        return sim.PostAsync($"/api/v1/namespaces/default/pods/{pod}/eviction", eviction);
    }
}
