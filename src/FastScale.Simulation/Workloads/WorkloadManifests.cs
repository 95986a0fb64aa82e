using System.Text.Json.Nodes;

namespace FastScale.Simulation.Workloads;

/// <summary>
/// The objects a scenario or a test creates in the cluster simulator for workloads: a ReplicaSet of one-container pods
/// labelled <c>app: NAME</c>, and a PodDisruptionBudget over that label. One builder, so every caller's ReplicaSet is
/// the shape the simulator's controller expects.
/// </summary>
public static class WorkloadManifests
{
    /// <param name="memory">The container's memory request; null: cpu only.</param>
    public static JsonObject ReplicaSet(string name, int replicas, string cpu, string image = "app:1", string? memory = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject
            {
                ["replicas"] = replicas,
                ["selector"] = AppSelector(name),
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = name } },
                    ["spec"] = new JsonObject { ["containers"] = new JsonArray(Container(image, cpu, memory)) },
                },
            },
        };
    }

    /// <summary>A container named app with these requests.</summary>
    public static JsonObject Container(string image, string cpu, string? memory = null)
    {
        var requests = new JsonObject { ["cpu"] = cpu };
        if (memory is not null)
        {
            requests["memory"] = memory;
        }

        return new JsonObject { ["name"] = "app", ["image"] = image, ["resources"] = new JsonObject { ["requests"] = requests } };
    }

    /// <summary>A budget over the pods labelled <c>app: <paramref name="app"/></c>: minAvailable as a count.</summary>
    public static JsonObject BudgetMinAvailable(string app, int minAvailable) => Budget(app, "minAvailable", minAvailable);

    /// <summary>A budget over the pods labelled <c>app: <paramref name="app"/></c>: maxUnavailable as a count or a percentage ("10%").</summary>
    public static JsonObject BudgetMaxUnavailable(string app, string maxUnavailable) => Budget(app, "maxUnavailable", maxUnavailable);

    private static JsonObject Budget(string app, string field, JsonNode value)
    {
        ArgumentException.ThrowIfNullOrEmpty(app);
        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = app },
            ["spec"] = new JsonObject { [field] = value, ["selector"] = AppSelector(app) },
        };
    }

    private static JsonObject AppSelector(string app) => new() { ["matchLabels"] = new JsonObject { ["app"] = app } };
}
