using FastScale.Engine.Demand;
using FastScale.Engine.Policy;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FastScale.Engine.Tests.Demand;

/// <summary>
/// Invariants of the planner on random groups and pods, checked against an independent reading of the templates
/// (quantities parsed here, labels and taints compared here), not against the planner's own helpers.
/// </summary>
public sealed class DemandPlannerPropertyTests
{
    [Property(Arbitrary = [typeof(PlanScenario)], MaxTest = 300)]
    public bool NoPodIsPlacedOnANodeItDoesNotFit(PlanScenario scenario)
    {
        var plan = DemandPlanner.Plan(scenario.Pods, scenario.Groups);
        foreach (var node in plan.Nodes)
        {
            var group = scenario.Groups.Single(g => g.Id == node.GroupId);
            var room = RoomOf(group);
            var used = new Dictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var pod in node.Pods)
            {
                if (!LabelsAllow(pod, group.Template.Labels) || !TaintsAllow(pod, group.Template.Taints))
                {
                    return false;
                }

                foreach (var (resource, amount) in RequestsOf(pod))
                {
                    used[resource] = used.GetValueOrDefault(resource) + amount;
                }
            }

            if (used.Any(u => u.Value > room.GetValueOrDefault(u.Key)))
            {
                return false;
            }
        }

        return true;
    }

    [Property(Arbitrary = [typeof(PlanScenario)], MaxTest = 300)]
    public bool NeverAboveMax_AndNewNodesMatchTheIncrease(PlanScenario scenario)
    {
        var plan = DemandPlanner.Plan(scenario.Pods, scenario.Groups);
        return scenario.Groups.All(group =>
        {
            var newNodes = plan.Nodes.Count(n => n.GroupId == group.Id && n.New);
            var comingUsed = plan.Nodes.Count(n => n.GroupId == group.Id && n.Coming);
            return plan.NewNodes(group.Id) == newNodes
                && group.TargetSize + newNodes <= group.MaxSize
                && comingUsed <= group.ComingNodes;
        });
    }

    [Property(Arbitrary = [typeof(PlanScenario)], MaxTest = 300)]
    public bool EveryPodIsPlacedOrReported_ExactlyOnce(PlanScenario scenario)
    {
        var plan = DemandPlanner.Plan(scenario.Pods, scenario.Groups);
        var seen = plan.Nodes.SelectMany(n => n.Pods).Concat(plan.Unplaced.Select(u => u.Pod)).Select(p => p.Uid).ToList();
        return seen.Count == scenario.Pods.Count
            && seen.Order(StringComparer.Ordinal).SequenceEqual(scenario.Pods.Select(p => p.Uid).Order(StringComparer.Ordinal))
            && plan.Unplaced.All(u => u.Reason.Length > 0);
    }

    /// <summary>The pods planned onto a Ready node fit what it has free, and never more than an empty node of its group.</summary>
    [Property(Arbitrary = [typeof(PlanScenario)], MaxTest = 300)]
    public Property PodsOnAReadyNode_FitItsFreeRoom(PlanScenario scenario)
    {
        var plan = DemandPlanner.Plan(scenario.Pods, scenario.Groups);
        var ok = plan.Nodes.Where(n => n.Ready).All(node =>
        {
            var group = scenario.Groups.Single(g => g.Id == node.GroupId);
            var empty = RoomOf(group);
            var free = group.ReadyRoom[node.ReadyIndex];
            var used = new Dictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var (resource, amount) in node.Pods.SelectMany(RequestsOf))
            {
                used[resource] = used.GetValueOrDefault(resource) + amount;
            }

            return used.All(u => u.Value <= Math.Min(empty.GetValueOrDefault(u.Key), FreeOf(free, u.Key)));
        });
        return ok.Label($"{scenario}\n{Fingerprint(plan)}");
    }

    /// <summary>
    /// The scheduler catches up: the pods planned onto Ready nodes are bound there (they leave the pending set, and those
    /// nodes are full), and the plan's new nodes are coming. Planning what is still pending asks for nothing more.
    /// </summary>
    [Property(Arbitrary = [typeof(PlanScenario)], MaxTest = 300)]
    public Property AfterTheSchedulerCatchesUp_NothingMoreIsAsked(PlanScenario scenario)
    {
        var first = DemandPlanner.Plan(scenario.Pods, scenario.Groups);
        var bound = first.Nodes.Where(n => n.Ready).SelectMany(n => n.Pods).Select(p => p.Uid).ToHashSet(StringComparer.Ordinal);
        var pending = scenario.Pods.Where(p => !bound.Contains(p.Uid)).ToList();
        var afterRaise = scenario.Groups
            .Select(g => g with
            {
                TargetSize = g.TargetSize + first.NewNodes(g.Id),
                ComingNodes = g.ComingNodes + first.NewNodes(g.Id),
                ReadyRoom = [],
            })
            .ToList();

        var second = DemandPlanner.Plan(pending, afterRaise);

        return (second.Increases.Sum(i => i.NewNodes) == 0 && second.Unplaced.Count == first.Unplaced.Count)
            .Label($"{scenario}\nfirst:\n{Fingerprint(first)}\nsecond:\n{Fingerprint(second)}");
    }

    /// <summary>Plan once, then treat every new node of that plan as coming: the same pods must ask for nothing more.</summary>
    [Property(Arbitrary = [typeof(PlanScenario)], MaxTest = 300)]
    public Property ComingCapacity_IsHonoured_SoNothingIsAskedTwice(PlanScenario scenario)
    {
        var first = DemandPlanner.Plan(scenario.Pods, scenario.Groups);
        var afterRaise = scenario.Groups
            .Select(g => g with { TargetSize = g.TargetSize + first.NewNodes(g.Id), ComingNodes = g.ComingNodes + first.NewNodes(g.Id) })
            .ToList();

        var second = DemandPlanner.Plan(scenario.Pods, afterRaise);

        return (second.Increases.Sum(i => i.NewNodes) == 0 && second.Unplaced.Count == first.Unplaced.Count)
            .Label($"{scenario}\nfirst:\n{Fingerprint(first)}\nsecond:\n{Fingerprint(second)}");
    }

    [Property(Arbitrary = [typeof(PlanScenario)], MaxTest = 200)]
    public Property Planning_IsDeterministic_WhateverThePodOrder(PlanScenario scenario, int seed)
    {
        var shuffled = scenario.Pods.ToList();
        var random = new Random(seed);
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(shuffled));

        var a = Fingerprint(DemandPlanner.Plan(scenario.Pods, scenario.Groups));
        var b = Fingerprint(DemandPlanner.Plan(shuffled, scenario.Groups));

        return (a == b).Label($"plans differ:\n{a}\n---\n{b}");
    }

    private static decimal FreeOf(PodRequests free, string resource) => resource switch
    {
        "cpu" => free.CpuMillis / 1000m,
        "memory" => free.MemoryBytes,
        "ephemeral-storage" => free.EphemeralStorageBytes,
        "pods" => free.Pods,
        _ => free.ExtendedResources.GetValueOrDefault(resource),
    };

    private static string Fingerprint(DemandPlan plan) =>
        string.Join("\n", plan.Nodes.Select(n => $"{n.GroupId} {(n.Ready ? $"ready#{n.ReadyIndex}" : n.Coming ? "coming" : "new")}: {string.Join(",", n.Pods.Select(p => p.Name))}"))
        + "\n" + string.Join("\n", plan.Increases.Select(i => i.Describe()))
        + "\n" + string.Join("\n", plan.Unplaced.Select(u => $"{u.Pod.Name}: {u.Reason}"));

    private static Dictionary<string, decimal> RoomOf(DemandGroup group)
    {
        var room = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (name, text) in group.Template.Allocatable)
        {
            Assert.True(Quantity.TryParse(text, out var amount));
            room[name] = amount;
        }

        if (group.DaemonSetOverhead.Cpu.Length > 0)
        {
            Assert.True(Quantity.TryParse(group.DaemonSetOverhead.Cpu, out var overhead));
            room["cpu"] -= overhead;
        }

        return room;
    }

    private static IEnumerable<(string, decimal)> RequestsOf(PendingPod pod)
    {
        yield return ("cpu", pod.Requests.CpuMillis / 1000m);
        yield return ("memory", pod.Requests.MemoryBytes);
        yield return ("ephemeral-storage", pod.Requests.EphemeralStorageBytes);
        yield return ("pods", pod.Requests.Pods);
        foreach (var (name, amount) in pod.Requests.ExtendedResources)
        {
            yield return (name, amount);
        }
    }

    private static bool LabelsAllow(PendingPod pod, IReadOnlyDictionary<string, string> labels) =>
        pod.NodeSelector.All(s => labels.TryGetValue(s.Key, out var v) && v == s.Value)
        && (pod.RequiredNodeAffinity.Count == 0 || pod.RequiredNodeAffinity.Any(term => term.MatchExpressions.All(r =>
            r.Operator switch
            {
                NodeSelectorOperator.In => labels.TryGetValue(r.Key, out var v) && r.Values.Contains(v),
                NodeSelectorOperator.NotIn => !labels.TryGetValue(r.Key, out var v) || !r.Values.Contains(v),
                _ => throw new InvalidOperationException("the scenario uses In and NotIn only"),
            })));

    private static bool TaintsAllow(PendingPod pod, IReadOnlyList<TaintPolicy> taints) =>
        taints.Where(t => t.Effect != "PreferNoSchedule").All(t => pod.Tolerations.Any(tol =>
            (tol.Key.Length == 0 && tol.Operator == TolerationOperator.Exists)
            || (tol.Key == t.Key && (tol.Operator == TolerationOperator.Exists || tol.Value == t.Value) && (tol.Effect.Length == 0 || tol.Effect == t.Effect))));
}
