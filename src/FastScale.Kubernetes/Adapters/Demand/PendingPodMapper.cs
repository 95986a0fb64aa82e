using FastScale.Engine.Demand;
using FastScale.Engine.Policy;
using FastScale.Kubernetes.Models;
using Requirement = FastScale.Engine.Demand.NodeSelectorRequirement;

namespace FastScale.Kubernetes.Adapters.Demand;

/// <summary>Reads a Kubernetes Pod as the engine's <see cref="PendingPod"/>, or says it is not one fast mode plans for.</summary>
internal static class PendingPodMapper
{
    /// <summary>Never a key of a node label on a template: stands for matchFields, which name one existing node.</summary>
    internal const string NodeNameField = "metadata.name";

    /// <summary>
    /// The pod when it waits for a node: not bound, not finished, not being deleted, marked PodScheduled=False with
    /// reason Unschedulable by the scheduler, and not a DaemonSet's (those go to a named node, which the policy's
    /// daemonSetOverhead already accounts for). Null otherwise.
    /// </summary>
    public static PendingPod? TryMap(Pod pod)
    {
        var (meta, spec, status) = (pod.Metadata, pod.Spec, pod.Status);
        if (meta?.Uid is not { Length: > 0 } uid || spec is null || !string.IsNullOrEmpty(spec.NodeName)
            || meta.DeletionTimestamp is not null || status?.Phase is "Succeeded" or "Failed"
            || meta.OwnerReferences?.Any(o => o.Controller == true && o.Kind == "DaemonSet") == true)
        {
            return null;
        }

        var scheduled = status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled");
        if (scheduled is not { Status: "False", Reason: "Unschedulable" })
        {
            return null;
        }

        return new PendingPod(
            meta.Namespace ?? "",
            meta.Name ?? "",
            uid,
            Requests(spec),
            spec.NodeSelector ?? new Dictionary<string, string>(),
            Affinity(spec.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution),
            [.. (spec.Tolerations ?? []).Select(Toleration)],
            scheduled.LastTransitionTime ?? meta.CreationTimestamp ?? DateTimeOffset.MinValue);
    }

    /// <summary>
    /// The pod's effective requests, as the scheduler computes them: per resource, the larger of the sum over app
    /// containers and the largest init container (init containers run one at a time, before the app), plus the pod
    /// overhead of its runtime class. Unparsable quantities count as zero (the API server has validated them).
    /// </summary>
    public static PodRequests Requests(PodSpec spec)
    {
        var total = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var container in spec.Containers ?? [])
        {
            foreach (var (name, amount) in Parsed(container.Resources?.Requests))
            {
                total[name] = total.GetValueOrDefault(name) + amount;
            }
        }

        foreach (var container in spec.InitContainers ?? [])
        {
            foreach (var (name, amount) in Parsed(container.Resources?.Requests))
            {
                total[name] = Math.Max(total.GetValueOrDefault(name), amount);
            }
        }

        foreach (var (name, amount) in Parsed(spec.Overhead))
        {
            total[name] = total.GetValueOrDefault(name) + amount;
        }

        var extended = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (name, amount) in total)
        {
            if (name is not ("cpu" or "memory" or "ephemeral-storage" or "pods") && amount > 0)
            {
                extended[name] = Whole(amount);
            }
        }

        return new PodRequests(
            Whole(total.GetValueOrDefault("cpu") * 1000m),
            Whole(total.GetValueOrDefault("memory")),
            Whole(total.GetValueOrDefault("ephemeral-storage")),
            extended.Count > 0 ? extended : null);
    }

    private static IEnumerable<(string Name, decimal Amount)> Parsed(IReadOnlyDictionary<string, string>? quantities)
    {
        foreach (var (name, text) in quantities ?? new Dictionary<string, string>())
        {
            if (Quantity.TryParse(text, out var amount) && amount > 0)
            {
                yield return (name, amount);
            }
        }
    }

    /// <summary>Rounded up, as Kubernetes rounds a request to its smallest unit (1m of cpu, 1 byte).</summary>
    private static long Whole(decimal amount) => amount >= long.MaxValue ? long.MaxValue : (long)decimal.Ceiling(amount);

    private static IReadOnlyList<Engine.Demand.NodeSelectorTerm> Affinity(Kubernetes.Models.NodeSelector? selector) =>
        [.. (selector?.NodeSelectorTerms ?? []).Select(Term)];

    /// <summary>
    /// A term that also names nodes by field (matchFields on metadata.name) can only match that existing node, never
    /// a new one: it becomes a requirement no template satisfies. So does an operator we do not know.
    /// </summary>
    private static Engine.Demand.NodeSelectorTerm Term(Kubernetes.Models.NodeSelectorTerm term)
    {
        var requirements = new List<Requirement>();
        foreach (var expression in term.MatchExpressions ?? [])
        {
            requirements.Add(Enum.TryParse<NodeSelectorOperator>(expression.Operator, ignoreCase: false, out var op) && Enum.IsDefined(op)
                ? new Requirement(expression.Key ?? "", op, expression.Values ?? [])
                : new Requirement(NodeNameField, NodeSelectorOperator.Exists, []));
        }

        foreach (var field in term.MatchFields ?? [])
        {
            requirements.Add(new Requirement(NodeNameField, NodeSelectorOperator.In, field.Values ?? []));
        }

        return new Engine.Demand.NodeSelectorTerm(requirements);
    }

    private static PodToleration Toleration(Toleration toleration) => new(
        toleration.Key ?? "",
        toleration.Operator == "Exists" ? TolerationOperator.Exists : TolerationOperator.Equal,
        toleration.Value ?? "",
        toleration.Effect ?? "");
}
