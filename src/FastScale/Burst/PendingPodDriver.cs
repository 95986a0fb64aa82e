using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FastScale.Kubernetes.Models;
using FastScale.Simulation.Cluster;

namespace FastScale.Burst;

/// <summary>
/// Makes the demand of a fast-mode burst: N pods, as a Deployment scaled up would. At the <see cref="BurstTempo.Instant"/>
/// tempo they are written straight into the simulator's store so all of them exist at t = 0 (through the API, a
/// thousand creates would spread over a second); at any other tempo <see cref="ReplicaSetPodCreator"/> creates them
/// through the API at the controller's pace. Each pod asks for 1200m cpu and 4 GiB: more than half of what the
/// <c>general</c> group's 2-core, 8 GiB node has for pods (1750m after reserved and DaemonSet overhead), so one pod
/// needs one node.
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
            var pod = JsonSerializer.SerializeToNode(PodFor(i), KubernetesJsonContext.Default.Pod)!.AsObject();
            var created = store.Create(ResourceKind.Pods, pod, Namespace);
            if (created.Error is { } error)
            {
                throw new InvalidOperationException($"the cluster simulator refused pod {i}: {error}");
            }
        }
    }

    /// <summary>
    /// The burst's pods the scheduler has been through: bound, or marked PodScheduled=False. The cluster-autoscaler
    /// plans only for pods the scheduler marked Unschedulable, so a baseline that stands for it sees this many, not
    /// every pod created: when the scheduler's own rate lags behind the ReplicaSet controller, both wait for it alike.
    /// </summary>
    public static int SeenByScheduler(ClusterStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.List(ResourceKind.Pods, Namespace).Count(pod =>
            pod["spec"]?["nodeName"]?.GetValue<string>() is { Length: > 0 }
            || (pod["status"]?["conditions"] as JsonArray)?.Any(c => c?["type"]?.GetValue<string>() == "PodScheduled") == true);
    }

    /// <summary>The burst's pod number <paramref name="index"/>; the same pod whichever way it is created.</summary>
    public static Pod PodFor(int index) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = string.Create(CultureInfo.InvariantCulture, $"burst-{index:D5}"),
            Namespace = Namespace,
            Labels = new Dictionary<string, string> { ["app"] = "burst" },
        },
        Spec = new PodSpec
        {
            Containers =
            [
                new Container
                {
                    Name = "app",
                    Image = "burst/app:1",
                    Resources = new ResourceRequirements { Requests = new Dictionary<string, string> { ["cpu"] = PodCpu, ["memory"] = PodMemory } },
                },
            ],
        },
        Status = new PodStatus { Phase = "Pending" },
    };
}
