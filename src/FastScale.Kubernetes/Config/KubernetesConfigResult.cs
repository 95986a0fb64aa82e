namespace FastScale.Kubernetes.Config;

/// <summary>A loaded configuration, or every problem found, each naming the file and the field.</summary>
public sealed record KubernetesConfigResult(KubernetesClientConfig? Config, IReadOnlyList<string> Errors)
{
    public bool IsSuccess => Config is not null && Errors.Count == 0;

    internal static KubernetesConfigResult Success(KubernetesClientConfig config) => new(config, []);

    internal static KubernetesConfigResult Failure(IReadOnlyList<string> errors) => new(null, errors);

    internal static KubernetesConfigResult Failure(string error) => new(null, [error]);
}
