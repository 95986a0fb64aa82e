using FastScale.Kubernetes.Models;

namespace FastScale.Simulation.Nodes;

/// <summary>
/// Whether a pod fits a node, as kube-scheduler's filters decide it: cordon, node selector and
/// required node affinity (In, NotIn, Exists, DoesNotExist, Gt, Lt on labels), NoSchedule/NoExecute taints against
/// tolerations, readiness, then every requested resource against allocatable minus what is already taken. The answer is null
/// when the pod fits, else the first failure in kube-scheduler's words (used to build the "0/N nodes are available" message).
/// </summary>
internal static class PodFit
{
    public const string NotReady = "node(s) were not ready";
    public const string Unschedulable = "node(s) were unschedulable";
    public const string AffinityMismatch = "node(s) didn't match Pod's node affinity/selector";

    public static string? Check(PodDemand pod, SchedulableNode node)
    {
        if (node.Unschedulable && !Tolerates(pod.Tolerations, new Taint { Key = "node.kubernetes.io/unschedulable", Effect = "NoSchedule" }))
        {
            return Unschedulable;
        }

        if (!MatchesSelector(pod, node.Labels))
        {
            return AffinityMismatch;
        }

        foreach (var taint in node.Taints)
        {
            if (taint.Effect is "NoSchedule" or "NoExecute" && !Tolerates(pod.Tolerations, taint))
            {
                return $"node(s) had untolerated taint {{{taint.Key}: {taint.Value}}}";
            }
        }

        // After the taints: a node that is not Ready carries the not-ready taint, which is what kube-scheduler reports.
        if (!node.Ready)
        {
            return NotReady;
        }

        foreach (var (resource, amount) in pod.Requests)
        {
            var free = node.Allocatable.GetValueOrDefault(resource) - node.Used.GetValueOrDefault(resource);
            if (amount > free)
            {
                return resource == PodDemand.PodsResource ? "Too many pods" : $"Insufficient {resource}";
            }
        }

        return null;
    }

    public static bool MatchesSelector(PodDemand pod, IReadOnlyDictionary<string, string> labels)
    {
        foreach (var (key, value) in pod.NodeSelector)
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }

        // Terms are ORed; a term with no expressions matches nothing, as in Kubernetes.
        return pod.RequiredTerms.Count == 0 || pod.RequiredTerms.Any(term => term.MatchExpressions is { Count: > 0 } expressions && expressions.All(e => Matches(e, labels)));
    }

    public static bool Matches(NodeSelectorRequirement requirement, IReadOnlyDictionary<string, string> labels)
    {
        var present = labels.TryGetValue(requirement.Key ?? "", out var value);
        var values = requirement.Values ?? [];
        return requirement.Operator switch
        {
            "In" => present && values.Contains(value),
            "NotIn" => !present || !values.Contains(value),
            "Exists" => present,
            "DoesNotExist" => !present,
            "Gt" => present && long.TryParse(value, out var gt) && values.Count == 1 && long.TryParse(values[0], out var gtBound) && gt > gtBound,
            "Lt" => present && long.TryParse(value, out var lt) && values.Count == 1 && long.TryParse(values[0], out var ltBound) && lt < ltBound,
            _ => false,
        };
    }

    /// <summary>Kubernetes' toleration rules: an empty key with Exists tolerates everything; an empty effect matches every effect.</summary>
    public static bool Tolerates(IReadOnlyList<Toleration> tolerations, Taint taint)
    {
        foreach (var t in tolerations)
        {
            if (!string.IsNullOrEmpty(t.Effect) && t.Effect != taint.Effect)
            {
                continue;
            }

            if (string.IsNullOrEmpty(t.Key))
            {
                if (t.Operator == "Exists")
                {
                    return true;
                }

                continue;
            }

            if (t.Key != taint.Key)
            {
                continue;
            }

            if (t.Operator == "Exists" || (t.Value ?? "") == (taint.Value ?? ""))
            {
                return true;
            }
        }

        return false;
    }
}
