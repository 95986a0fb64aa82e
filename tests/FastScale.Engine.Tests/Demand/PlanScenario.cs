using FastScale.Engine.Demand;
using FastScale.Engine.Policy;
using FsCheck;
using FsCheck.Fluent;
using static FastScale.Engine.Tests.Demand.DemandFixtures;

namespace FastScale.Engine.Tests.Demand;

/// <summary>A random planning problem: a few groups of varied shape, labels, taints and limits, and pods that may or may not fit them.</summary>
public sealed record PlanScenario(IReadOnlyList<DemandGroup> Groups, IReadOnlyList<PendingPod> Pods)
{
    public override string ToString() =>
        $"{Groups.Count} groups [{string.Join("; ", Groups.Select(g => $"{g.Id} {string.Join(",", g.Template.Allocatable.Select(a => a.Key + "=" + a.Value))} taints {g.Template.Taints.Count} target {g.TargetSize} coming {g.ComingNodes} ready {g.ReadyRoom.Count} max {g.MaxSize}"))}], {Pods.Count} pods";

    public static Arbitrary<PlanScenario> Arbitrary() =>
        (from groups in Gen.Choose(1, 4).SelectMany(n => GroupGen.ArrayOf(n))
         from pods in Gen.Choose(0, 80).SelectMany(n => PodGen.ArrayOf(n))
         select new PlanScenario(
             [.. groups.Select((g, i) => g($"g{i}"))],
             [.. pods.Select((p, i) => p($"p{i:D3}"))]))
        .ToArbitrary();

    private static readonly string[] Disks = ["ssd", "hdd"];

    private static Gen<Func<string, DemandGroup>> GroupGen =>
        from cores in Gen.Choose(1, 16)
        from memoryGi in Gen.Choose(2, 64)
        from maxPods in Gen.Choose(2, 30)
        from gpus in Gen.Choose(0, 2)
        from overheadMillis in Gen.Choose(0, 5).Select(x => x * 100)
        from disk in Gen.Elements(Disks)
        from taint in Gen.Elements("", "dedicated=db:NoSchedule", "spot=true:PreferNoSchedule", "evict=now:NoExecute")
        from max in Gen.Choose(1, 20)
        from targetShare in Gen.Choose(0, 100)
        from comingShare in Gen.Choose(0, 100)
        from readyNodes in Gen.Choose(0, 3)
        from readyShares in Gen.Choose(0, 100).ArrayOf(3)
        select (Func<string, DemandGroup>)(id =>
        {
            var target = max * targetShare / 100;
            var policy = GroupPolicy(id, max, g =>
            {
                g.Resources = new NodeResources { Cpu = $"{cores}", Memory = $"{memoryGi}Gi", Pods = $"{maxPods}" };
                if (gpus > 0)
                {
                    g.Resources.Extended["nvidia.com/gpu"] = $"{gpus}";
                }

                g.DaemonSetOverhead = new NodeResources { Cpu = $"{Math.Min(overheadMillis, cores * 1000 - 200)}m" };
                g.Labels["disk"] = disk;
                if (taint.Length > 0)
                {
                    var (keyValue, effect) = (taint[..taint.IndexOf(':')], taint[(taint.IndexOf(':') + 1)..]);
                    g.Taints.Add(new TaintPolicy { Key = keyValue[..keyValue.IndexOf('=')], Value = keyValue[(keyValue.IndexOf('=') + 1)..], Effect = effect });
                }
            });
            // Ready nodes the scheduler has filled to some share, so their free room is that share of an empty node's.
            var readyRoom = readyShares.Take(readyNodes).Select(share => new PodRequests(
                cores * 1000L * share / 100,
                memoryGi * (1L << 30) * share / 100,
                Extended: gpus > 0 ? new Dictionary<string, long>(StringComparer.Ordinal) { ["nvidia.com/gpu"] = gpus * share / 100 } : null,
                Pods: maxPods * share / 100)).ToList();
            return Group(policy, target, target * comingShare / 100) with { ReadyRoom = readyRoom };
        });

    private static Gen<Func<string, PendingPod>> PodGen =>
        from cpu in Gen.Choose(0, 120).Select(x => (long)x * 50)
        from memoryMi in Gen.Choose(0, 64).Select(x => (long)x * 128)
        from gpu in Gen.Frequency((4, Gen.Constant(0L)), (1, Gen.Choose(1, 2).Select(x => (long)x)))
        from selector in Gen.Elements("", "ssd", "hdd")
        from toleration in Gen.Elements("", "dedicated", "all")
        from affinity in Gen.Elements("", "not-g0", "g1-or-g2")
        select (Func<string, PendingPod>)(name => Pod(
            name,
            cpu,
            memoryMi,
            extended: gpu > 0 ? Gpus(gpu) : null,
            nodeSelector: selector.Length > 0 ? new Dictionary<string, string> { ["disk"] = selector } : null,
            affinity: affinity switch
            {
                "not-g0" => [new NodeSelectorTerm([new NodeSelectorRequirement("fastscale.io/node-group", NodeSelectorOperator.NotIn, ["g0"])])],
                "g1-or-g2" => [
                    new NodeSelectorTerm([new NodeSelectorRequirement("fastscale.io/node-group", NodeSelectorOperator.In, ["g1"])]),
                    new NodeSelectorTerm([new NodeSelectorRequirement("fastscale.io/node-group", NodeSelectorOperator.In, ["g2"])])],
                _ => null,
            },
            tolerations: toleration switch
            {
                "dedicated" => [new PodToleration("dedicated", TolerationOperator.Equal, "db", "")],
                "all" => [new PodToleration("", TolerationOperator.Exists, "", "")],
                _ => null,
            }));
}
