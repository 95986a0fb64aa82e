namespace FastScale.Kubernetes.Config;

/// <summary>Which configuration a command uses, in client-go's order: <c>--kubeconfig</c> (one file), else the
/// KUBECONFIG list merged, else the pod's service account. Unlike kubectl there is no ~/.kube/config fallback:
/// a service that quietly picked up a developer's default cluster would act on the wrong one.</summary>
public static class KubernetesConfigSelector
{
    /// <returns>Null when nothing is configured (no flag, no KUBECONFIG, not in a pod).</returns>
    public static KubernetesConfigResult? Select(string? kubeconfig, string? context, Func<string, string?> getEnvironmentVariable)
    {
        if (!string.IsNullOrEmpty(kubeconfig))
        {
            return KubeconfigLoader.Load(kubeconfig, context);
        }

        var pathList = getEnvironmentVariable(KubeconfigLoader.PathListVariable);
        if (!string.IsNullOrWhiteSpace(pathList))
        {
            return KubeconfigLoader.LoadPathList(pathList, context);
        }

        if (!string.IsNullOrEmpty(context))
        {
            return KubernetesConfigResult.Failure($"--context {context} needs a kubeconfig: pass --kubeconfig or set {KubeconfigLoader.PathListVariable}");
        }

        return getEnvironmentVariable("KUBERNETES_SERVICE_HOST") is not null ? InClusterConfigLoader.Load(getEnvironmentVariable: getEnvironmentVariable) : null;
    }
}
