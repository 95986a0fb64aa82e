using System.Globalization;
using FastScale.Kubernetes.Models;

namespace FastScale.Simulation.Nodes;

/// <summary>
/// One scheduling pass over a snapshot, with no API calls: pending pods in priority order (then oldest first) go to the
/// first node, by name, that fits (packing nodes rather than spreading, which suits a simulation that wants to see
/// node counts). Pods with the same <see cref="PodDemand.Signature"/> share a cursor over the nodes: a node that failed
/// one of them fails the rest in this pass (nodes only fill up), so a pass costs about pods + nodes × workloads checks
/// instead of pods × nodes.
/// </summary>
internal static class SchedulingCycle
{
    /// <param name="assumed">Pods bound by an earlier pass that the cache does not show bound yet: pod key → node.</param>
    public static SchedulingPlan Plan(
        IReadOnlyList<Node> nodes, IReadOnlyList<Pod> pods, IReadOnlyDictionary<string, string> assumed, Func<Pod, PodDemand> demandOf, string schedulerName)
    {
        var candidates = nodes.Select(SchedulableNode.Of).OrderBy(n => n.Name, StringComparer.Ordinal).ToList();
        var byName = candidates.ToDictionary(n => n.Name, StringComparer.Ordinal);
        var pending = new List<Pod>();
        foreach (var pod in pods)
        {
            if (IsTerminal(pod) || pod.Metadata?.DeletionTimestamp is not null && string.IsNullOrEmpty(pod.Spec?.NodeName))
            {
                continue;
            }

            var bound = !string.IsNullOrEmpty(pod.Spec?.NodeName) ? pod.Spec.NodeName : assumed.GetValueOrDefault(KeyOf(pod));
            if (bound is not null)
            {
                if (byName.TryGetValue(bound, out var host))
                {
                    host.Add(demandOf(pod).Requests);
                }
            }
            else if (string.IsNullOrEmpty(pod.Spec?.SchedulerName) || pod.Spec.SchedulerName == schedulerName)
            {
                pending.Add(pod);
            }
        }

        pending.Sort(ComparePriority);
        var bindings = new List<(Pod, string)>();
        var unschedulable = new List<(Pod, string)>();
        var cursors = new Dictionary<string, Cursor>(StringComparer.Ordinal);
        foreach (var pod in pending)
        {
            var demand = demandOf(pod);
            if (!cursors.TryGetValue(demand.Signature, out var cursor))
            {
                cursor = new Cursor();
                cursors[demand.Signature] = cursor;
            }

            var placed = false;
            while (cursor.Index < candidates.Count)
            {
                var node = candidates[cursor.Index];
                if (PodFit.Check(demand, node) is not { } failure)
                {
                    node.Add(demand.Requests);
                    bindings.Add((pod, node.Name));
                    placed = true;
                    break;
                }

                cursor.Failures[failure] = cursor.Failures.GetValueOrDefault(failure) + 1;
                cursor.Index++;
            }

            if (!placed)
            {
                cursor.Message ??= Message(candidates.Count, cursor.Failures);
                unschedulable.Add((pod, cursor.Message));
            }
        }

        return new SchedulingPlan(bindings, unschedulable, pending.Count);
    }

    public static string KeyOf(Pod pod) => $"{pod.Metadata?.Namespace}/{pod.Metadata?.Name}";

    /// <summary>kube-scheduler's wording: "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint {…}."</summary>
    public static string Message(int nodeCount, IReadOnlyDictionary<string, int> failures)
    {
        if (nodeCount == 0)
        {
            return "no nodes available to schedule pods";
        }

        var reasons = failures.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Value} {f.Key}")).Order(StringComparer.Ordinal);
        return string.Create(CultureInfo.InvariantCulture, $"0/{nodeCount} nodes are available: {string.Join(", ", reasons)}.");
    }

    public static bool IsTerminal(Pod pod) => pod.Status?.Phase is "Succeeded" or "Failed";

    private static int ComparePriority(Pod a, Pod b)
    {
        var byPriority = (b.Spec?.Priority ?? 0).CompareTo(a.Spec?.Priority ?? 0);
        if (byPriority != 0)
        {
            return byPriority;
        }

        var byAge = Nullable.Compare(a.Metadata?.CreationTimestamp, b.Metadata?.CreationTimestamp);
        return byAge != 0 ? byAge : string.CompareOrdinal(KeyOf(a), KeyOf(b));
    }

    private sealed class Cursor
    {
        public int Index { get; set; }
        public Dictionary<string, int> Failures { get; } = new(StringComparer.Ordinal);
        public string? Message { get; set; }
    }
}
