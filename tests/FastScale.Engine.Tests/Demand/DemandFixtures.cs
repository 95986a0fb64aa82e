using FastScale.Engine.Demand;
using FastScale.Engine.NodeGroups;
using FastScale.Engine.Policy;

namespace FastScale.Engine.Tests.Demand;

/// <summary>Pods and groups for planner tests, built in code with the real template builder.</summary>
internal static class DemandFixtures
{
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static PendingPod Pod(
        string name,
        long cpuMillis = 500,
        long memoryMi = 256,
        IReadOnlyDictionary<string, long>? extended = null,
        IReadOnlyDictionary<string, string>? nodeSelector = null,
        IReadOnlyList<NodeSelectorTerm>? affinity = null,
        IReadOnlyList<PodToleration>? tolerations = null,
        DateTimeOffset? since = null,
        string? uid = null) =>
        new("default", name, uid ?? "uid-" + name,
            new PodRequests(cpuMillis, memoryMi << 20, 0, extended),
            nodeSelector ?? new Dictionary<string, string>(),
            affinity ?? [],
            tolerations ?? [],
            since ?? Epoch);

    public static IReadOnlyList<PendingPod> Pods(int count, string prefix = "p", long cpuMillis = 500, long memoryMi = 256) =>
        [.. Enumerable.Range(0, count).Select(i => Pod($"{prefix}-{i:D5}", cpuMillis, memoryMi))];

    /// <summary>A group policy: 2 cores, 8Gi, 110 pods, 100m/512Mi reserved unless changed by <paramref name="configure"/>.</summary>
    public static NodeGroupPolicy GroupPolicy(string id, int maxSize = 1000, Action<NodeGroupPolicy>? configure = null)
    {
        var policy = TestPolicies.Group(id, maxSize: maxSize);
        configure?.Invoke(policy);
        return policy;
    }

    public static DemandGroup Group(NodeGroupPolicy policy, int target = 0, int coming = 0)
    {
        var scale = new ScalePolicy { ClusterId = "test", Region = "cn-hangzhou", NodeGroups = [policy] };
        return new DemandGroup(policy.Id, NodeTemplateBuilder.Build(scale, policy), policy.DaemonSetOverhead, target, policy.MaxSize, coming);
    }

    public static DemandGroup Group(string id, int maxSize = 1000, int target = 0, int coming = 0, Action<NodeGroupPolicy>? configure = null) =>
        Group(GroupPolicy(id, maxSize, configure), target, coming);

    /// <summary>An 8-core GPU group tainted nvidia.com/gpu=present:NoSchedule with one nvidia.com/gpu per node.</summary>
    public static DemandGroup GpuGroup(int maxSize = 10, int target = 0, int coming = 0) => Group("gpu", maxSize, target, coming, g =>
    {
        g.Resources = new NodeResources { Cpu = "8", Memory = "30Gi", Pods = "110", Extended = { ["nvidia.com/gpu"] = "1" } };
        g.Reserved = new NodeResources { Cpu = "100m" };
        g.Labels["workload.fastscale.io/class"] = "gpu";
        g.Taints.Add(new TaintPolicy { Key = "nvidia.com/gpu", Value = "present", Effect = "NoSchedule" });
    });

    public static PodToleration TolerateGpu { get; } = new("nvidia.com/gpu", TolerationOperator.Exists, "", "NoSchedule");

    public static IReadOnlyDictionary<string, long> Gpus(long count) => new Dictionary<string, long> { ["nvidia.com/gpu"] = count };
}
