namespace FastScale.Kubernetes.Adapters.Rollout;

/// <summary>
/// Where a rollout Event that names no Node is hung: the FastScale pod itself, found with
/// <c>kubectl describe pod -n NAMESPACE NAME</c> or <c>kubectl get events -n NAMESPACE</c>. Known from POD_NAME and
/// POD_NAMESPACE (the downward API, as the chart sets them); null outside a pod, where such Events are not posted
/// (an Event must hang on an object in its own namespace, and nothing else FastScale owns is sure to exist).
/// </summary>
internal sealed record RolloutEventTarget(string Namespace, string PodName)
{
    public static RolloutEventTarget? FromEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment("POD_NAME") is { Length: > 0 } pod && environment("POD_NAMESPACE") is { Length: > 0 } ns
            ? new RolloutEventTarget(ns, pod)
            : null;
    }
}
