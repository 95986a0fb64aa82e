using System.Globalization;
using System.Text.Json.Nodes;
using FastScale.Engine.Policy;
using FastScale.Simulation.Cluster;
using FastScale.Simulation.Workloads;

namespace FastScale.Burst.Rollout;

/// <summary>
/// The workloads a rollout must move without breaking them: <see cref="RolloutSpec.PodsPerNode"/> pods a node in
/// ReplicaSets of up to <see cref="RolloutSpec.ReplicasPerSet"/>, each under a PodDisruptionBudget of maxUnavailable
/// <see cref="RolloutSpec.BudgetMaxUnavailable"/>. They are written straight into the simulator's store (setup, not
/// measured); the simulated ReplicaSet controller creates the pods, the scheduler binds them, the kubelets start them.
/// Each pod asks for a tenth of a node's allocatable cpu, so the first-fit scheduler puts exactly ten on a node.
/// </summary>
internal static class RolloutWorkload
{
    private const string Image = "rollout/app:1";

    public const string Namespace = "rollout";

    /// <summary>The scale-out's pods (rollout-scaleout-N): one a node, as a burst's pending pods are.</summary>
    public const string ScaleOutNamespace = "rollout-scaleout";

    /// <summary>Creates the ReplicaSets and budgets for <paramref name="nodes"/> nodes; returns how many pods they ask for.</summary>
    public static int Create(ClusterStore store, int nodes)
    {
        ArgumentNullException.ThrowIfNull(store);
        var cpu = PodCpu(store);
        var pods = nodes * RolloutSpec.PodsPerNode;
        for (var (set, left) = (0, pods); left > 0; set++, left -= RolloutSpec.ReplicasPerSet)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"app-{set:D3}");
            Require(store.Create(ResourceKind.ReplicaSets, WorkloadManifests.ReplicaSet(name, Math.Min(left, RolloutSpec.ReplicasPerSet), cpu, Image), Namespace), name);
            Require(store.Create(ResourceKind.PodDisruptionBudgets, WorkloadManifests.BudgetMaxUnavailable(name, RolloutSpec.BudgetMaxUnavailable), Namespace), name);
        }

        return pods;
    }

    /// <summary>The scale-out's pending pods, all at once: each needs a node of its own (1200m of a 2-core node).</summary>
    public static void CreateScaleOut(ClusterStore store, int count)
    {
        ArgumentNullException.ThrowIfNull(store);
        for (var i = 0; i < count; i++)
        {
            var pod = new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["name"] = string.Create(CultureInfo.InvariantCulture, $"scaleout-{i:D5}"),
                    ["labels"] = new JsonObject { ["app"] = "scaleout" },
                },
                ["spec"] = new JsonObject { ["containers"] = new JsonArray(WorkloadManifests.Container(Image, PendingPodDriver.PodCpu, PendingPodDriver.PodMemory)) },
                ["status"] = new JsonObject { ["phase"] = "Pending" },
            };
            Require(store.Create(ResourceKind.Pods, pod, ScaleOutNamespace), $"scaleout-{i}");
        }
    }

    /// <summary>True when every ReplicaSet reports all its replicas Ready.</summary>
    public static bool AllReady(ClusterStore store) => store.List(ResourceKind.ReplicaSets, Namespace)
        .All(rs => (int?)rs["status"]?["readyReplicas"] == (int?)rs["spec"]?["replicas"]);

    /// <summary>
    /// Pods lost: per ReplicaSet, the replicas it asks for that are not active and Ready pods it controls now. Counted
    /// from the pods, not the ReplicaSet's status, so a controller's late status cannot hide a loss.
    /// </summary>
    public static int PodsLost(ClusterStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var ready = store.List(ResourceKind.Pods, Namespace)
            .Where(p => p["metadata"]?["deletionTimestamp"] is null && IsReady(p))
            .GroupBy(p => (string?)p["metadata"]?["ownerReferences"]?[0]?["name"] ?? "", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return store.List(ResourceKind.ReplicaSets, Namespace)
            .Sum(rs => Math.Max(0, ((int?)rs["spec"]?["replicas"] ?? 0) - ready.GetValueOrDefault((string?)rs["metadata"]?["name"] ?? "")));
    }

    public static bool IsReady(JsonObject pod) =>
        (pod["status"]?["conditions"] as JsonArray)?.Any(c => (string?)c?["type"] == "Ready" && (string?)c?["status"] == "True") == true;

    /// <summary>A tenth of a Ready node's allocatable cpu (the kubelet's figure), in whole millicores.</summary>
    private static string PodCpu(ClusterStore store)
    {
        var allocatable = store.List(ResourceKind.Nodes)
            .Select(n => (string?)n["status"]?["allocatable"]?["cpu"])
            .FirstOrDefault(c => c is not null)
            ?? throw new InvalidOperationException("no node reports allocatable cpu: the workloads need Ready nodes first");
        if (!Quantity.TryParse(allocatable, out var cores))
        {
            throw new InvalidOperationException($"a node reports allocatable cpu '{allocatable}', which is not a quantity");
        }

        var millis = decimal.Floor(cores * 1000 / RolloutSpec.PodsPerNode);
        return millis.ToString("0", CultureInfo.InvariantCulture) + "m";
    }

    private static void Require(StoreResult result, string what)
    {
        if (result.Error is { } error)
        {
            throw new InvalidOperationException($"the cluster simulator refused {what}: {error}");
        }
    }
}
