using System.Globalization;
using System.Text.Json.Nodes;
using FastScale.Simulation.Cluster;

namespace FastScale.LoadTests.Cluster;

/// <summary>Realistically sized nodes and pods (labels, capacity, conditions, container resources) for the store.</summary>
internal static class ClusterSeed
{
    public static void Nodes(ClusterStore store, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var name = NodeName(i);
            var result = store.Create(ResourceKind.Nodes, new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["name"] = name,
                    ["labels"] = new JsonObject
                    {
                        ["kubernetes.io/hostname"] = name,
                        ["kubernetes.io/os"] = "linux",
                        ["kubernetes.io/arch"] = "amd64",
                        ["node.kubernetes.io/instance-type"] = "ecs.g7.large",
                        ["topology.kubernetes.io/region"] = "cn-hangzhou",
                        ["topology.kubernetes.io/zone"] = $"cn-hangzhou-{(char)('h' + (i % 3))}",
                        ["fastscale.io/group"] = $"group-{i % 10}",
                    },
                },
                ["spec"] = new JsonObject { ["providerID"] = $"cn-hangzhou.i-{i:x12}" },
                ["status"] = new JsonObject
                {
                    ["capacity"] = Resources("2", "8Gi", "110"),
                    ["allocatable"] = Resources("1900m", "7Gi", "110"),
                    ["conditions"] = new JsonArray(
                        Condition("Ready", "True", "KubeletReady"),
                        Condition("MemoryPressure", "False", "KubeletHasSufficientMemory"),
                        Condition("DiskPressure", "False", "KubeletHasNoDiskPressure")),
                    ["addresses"] = new JsonArray(new JsonObject { ["type"] = "InternalIP", ["address"] = $"10.{i / 65536 % 256}.{i / 256 % 256}.{i % 256}" }),
                },
            });
            Check(result);
        }
    }

    public static void Pods(ClusterStore store, int count, int nodes)
    {
        for (var i = 0; i < count; i++)
        {
            var ns = $"team-{i % 20}";
            var name = PodName(i);
            Check(store.Create(ResourceKind.Pods, new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["name"] = name,
                    ["labels"] = new JsonObject { ["app"] = $"app-{i % 500}", ["pod-template-hash"] = "7d9f8b6c5d" },
                    ["ownerReferences"] = new JsonArray(new JsonObject
                    {
                        ["apiVersion"] = "apps/v1", ["kind"] = "ReplicaSet", ["name"] = $"app-{i % 500}-7d9f8b6c5d",
                        ["uid"] = "5d3a7c1e-0000-4000-8000-000000000000", ["controller"] = true,
                    }),
                },
                ["spec"] = new JsonObject
                {
                    ["containers"] = new JsonArray(new JsonObject
                    {
                        ["name"] = "app",
                        ["image"] = "registry.example/app:1.0",
                        ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = "100m", ["memory"] = "128Mi" } },
                    }),
                    ["tolerations"] = new JsonArray(new JsonObject { ["key"] = "node.kubernetes.io/not-ready", ["operator"] = "Exists", ["effect"] = "NoExecute", ["tolerationSeconds"] = 300 }),
                },
            }, ns));
            if (i % 10 != 0)
            {
                Check(store.Bind(ns, name, NodeName(i % nodes)));
            }
        }
    }

    public static string PodName(int i) => string.Create(CultureInfo.InvariantCulture, $"pod-{i:D6}");

    public static string PodNamespace(int i) => $"team-{i % 20}";

    private static string NodeName(int i) => string.Create(CultureInfo.InvariantCulture, $"node-{i:D5}");

    private static JsonObject Resources(string cpu, string memory, string pods) =>
        new() { ["cpu"] = cpu, ["memory"] = memory, ["pods"] = pods, ["ephemeral-storage"] = "40Gi" };

    private static JsonObject Condition(string type, string status, string reason) => new()
    {
        ["type"] = type, ["status"] = status, ["reason"] = reason,
        ["lastHeartbeatTime"] = "2025-06-01T12:00:00Z", ["lastTransitionTime"] = "2025-06-01T12:00:00Z",
    };

    private static void Check(StoreResult result)
    {
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException($"seeding failed: {result.Error}");
        }
    }
}
