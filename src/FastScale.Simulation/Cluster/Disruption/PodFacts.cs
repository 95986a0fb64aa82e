using System.Text.Json.Nodes;

namespace FastScale.Simulation.Cluster.Disruption;

/// <summary>What budgets and evictions read of a pod: its phase, whether it is Ready (condition Ready=True, the
/// API's own definition of a healthy pod), whether it is being deleted, and its controller.</summary>
internal sealed record PodFacts(string Name, string Phase, bool Ready, bool Terminating, PodController? Controller)
{
    public static PodFacts Of(StoredObject pod) => Of(pod.Name, pod.ToJsonObject());

    public static PodFacts Of(string name, JsonObject pod)
    {
        var ready = (pod["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>()
            .Any(c => (string?)c["type"] == "Ready" && (string?)c["status"] == "True");
        var owner = (pod["metadata"]?["ownerReferences"] as JsonArray ?? []).OfType<JsonObject>()
            .FirstOrDefault(o => o["controller"] is JsonValue v && v.TryGetValue<bool>(out var isController) && isController);
        var controller = owner is null ? null : new PodController((string?)owner["kind"] ?? "", (string?)owner["name"] ?? "", (string?)owner["uid"] ?? "");
        return new PodFacts(name, (string?)pod["status"]?["phase"] ?? "", ready, pod["metadata"]?["deletionTimestamp"] is not null, controller);
    }

    /// <summary>As the eviction subresource: terminal, not yet running, or already going pods are deleted without
    /// asking any budget, since evicting them disrupts nothing more.</summary>
    public bool IgnoresBudgets => Phase is "Succeeded" or "Failed" or "Pending" || Terminating;
}

/// <summary>A pod's controlling owner reference.</summary>
internal sealed record PodController(string Kind, string Name, string Uid);
