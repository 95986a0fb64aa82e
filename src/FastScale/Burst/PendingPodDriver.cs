using System.Globalization;
using System.Text.Json.Nodes;
using FastScale.Simulation.Cluster;

namespace FastScale.Burst;

/// <summary>
/// Makes the demand of a fast-mode burst: N pods at once, as a Deployment scaled up would, written straight into the
/// simulator's store so all of them exist at t = 0 (through the API, a thousand creates would spread over a second).
/// Each pod asks for 1200m cpu and 4 GiB: more than half of what the <c>general</c> group's 2-core, 8 GiB node has
/// for pods (1750m after reserved and DaemonSet overhead), so one pod needs one node.
/// </summary>
internal static class PendingPodDriver
{
    public const string Namespace = "burst";
    public const string PodCpu = "1200m";
    public const string PodMemory = "4Gi";

    public static void CreatePods(ClusterStore store, int count)
    {
        ArgumentNullException.ThrowIfNull(store);
        for (var i = 0; i < count; i++)
        {
            var pod = new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Pod",
                ["metadata"] = new JsonObject
                {
                    ["name"] = string.Create(CultureInfo.InvariantCulture, $"burst-{i:D5}"),
                    ["namespace"] = Namespace,
                    ["labels"] = new JsonObject { ["app"] = "burst" },
                },
                ["spec"] = new JsonObject
                {
                    ["containers"] = new JsonArray(new JsonObject
                    {
                        ["name"] = "app",
                        ["image"] = "burst/app:1",
                        ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = PodCpu, ["memory"] = PodMemory } },
                    }),
                },
                ["status"] = new JsonObject { ["phase"] = "Pending" },
            };
            var created = store.Create(ResourceKind.Pods, pod, Namespace);
            if (created.Error is { } error)
            {
                throw new InvalidOperationException($"the cluster simulator refused pod {i}: {error}");
            }
        }
    }
}
