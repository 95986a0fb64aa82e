using System.Text;
using FastScale.Engine.Policy;
using FastScale.Kubernetes.Models;

namespace FastScale.Simulation.Nodes;

/// <summary>
/// What a pod asks of a node, parsed once: effective requests (containers summed, the largest init container if larger,
/// plus overhead, plus one pod), node selector, required node affinity and tolerations. <see cref="Signature"/> is equal
/// for pods that ask exactly the same, so one scheduling cycle can treat replicas of a workload together.
/// </summary>
internal sealed class PodDemand
{
    public const string PodsResource = "pods";

    private PodDemand(
        IReadOnlyDictionary<string, decimal> requests,
        IReadOnlyDictionary<string, string> nodeSelector,
        IReadOnlyList<NodeSelectorTerm> requiredTerms,
        IReadOnlyList<Toleration> tolerations,
        string signature)
    {
        Requests = requests;
        NodeSelector = nodeSelector;
        RequiredTerms = requiredTerms;
        Tolerations = tolerations;
        Signature = signature;
    }

    public IReadOnlyDictionary<string, decimal> Requests { get; }
    public IReadOnlyDictionary<string, string> NodeSelector { get; }

    /// <summary>Required node affinity: ORed terms of ANDed expressions. Empty: no constraint.</summary>
    public IReadOnlyList<NodeSelectorTerm> RequiredTerms { get; }

    public IReadOnlyList<Toleration> Tolerations { get; }
    public string Signature { get; }

    public static PodDemand Of(Pod pod)
    {
        var spec = pod.Spec ?? new PodSpec();
        var requests = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var container in spec.Containers ?? [])
        {
            foreach (var (name, amount) in EffectiveRequests(container))
            {
                requests[name] = requests.GetValueOrDefault(name) + amount;
            }
        }

        foreach (var init in spec.InitContainers ?? [])
        {
            foreach (var (name, amount) in EffectiveRequests(init))
            {
                requests[name] = Math.Max(requests.GetValueOrDefault(name), amount);
            }
        }

        foreach (var (name, text) in spec.Overhead ?? new Dictionary<string, string>())
        {
            if (Quantity.TryParse(text, out var amount))
            {
                requests[name] = requests.GetValueOrDefault(name) + amount;
            }
        }

        requests[PodsResource] = 1;
        var selector = spec.NodeSelector ?? new Dictionary<string, string>();
        var terms = spec.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution?.NodeSelectorTerms ?? [];
        var tolerations = spec.Tolerations ?? [];
        return new PodDemand(requests, selector, terms, tolerations, SignatureOf(requests, selector, terms, tolerations));
    }

    /// <summary>Requests, with a limit standing in for a missing request as the API server's defaulting does.</summary>
    private static IEnumerable<KeyValuePair<string, decimal>> EffectiveRequests(Container container)
    {
        var requests = container.Resources?.Requests ?? new Dictionary<string, string>();
        var limits = container.Resources?.Limits ?? new Dictionary<string, string>();
        foreach (var name in requests.Keys.Union(limits.Keys))
        {
            var text = requests.TryGetValue(name, out var request) ? request : limits[name];
            if (Quantity.TryParse(text, out var amount) && amount > 0)
            {
                yield return new(name, amount);
            }
        }
    }

    private static string SignatureOf(
        Dictionary<string, decimal> requests, IReadOnlyDictionary<string, string> selector, IReadOnlyList<NodeSelectorTerm> terms, IReadOnlyList<Toleration> tolerations)
    {
        var text = new StringBuilder();
        foreach (var (name, amount) in requests.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            text.Append(name).Append('=').Append(amount).Append(';');
        }

        text.Append('|');
        foreach (var (key, value) in selector.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            text.Append(key).Append('=').Append(value).Append(';');
        }

        text.Append('|');
        foreach (var term in terms)
        {
            foreach (var e in term.MatchExpressions ?? [])
            {
                text.Append(e.Key).Append(' ').Append(e.Operator).Append(' ').AppendJoin(',', e.Values ?? []).Append(';');
            }

            text.Append("||");
        }

        text.Append('|');
        foreach (var t in tolerations)
        {
            text.Append(t.Key).Append(' ').Append(t.Operator).Append(' ').Append(t.Value).Append(' ').Append(t.Effect).Append(';');
        }

        return text.ToString();
    }
}
