using Microsoft.Extensions.Logging;

namespace FastScale.Kubernetes.Adapters.Leadership;

internal static partial class Log
{
    [LoggerMessage(3301, LogLevel.Information, "Pod {Namespace}/{Pod} labelled fastscale.io/leader={Value}: {Why}")]
    public static partial void PodLabelled(ILogger logger, string @namespace, string pod, string value, string why);

    [LoggerMessage(3302, LogLevel.Warning, "Could not label pod {Namespace}/{Pod} fastscale.io/leader={Value}, retrying in {RetryIn}: {Error}")]
    public static partial void PodLabelFailed(ILogger logger, string @namespace, string pod, string value, TimeSpan retryIn, string error);

    [LoggerMessage(3303, LogLevel.Warning,
        "Could not clear the leader label of pod {Namespace}/{Pod} on shutdown ({Error}); the Service drops the pod from its endpoints as it terminates anyway")]
    public static partial void PodLabelNotClearedOnShutdown(ILogger logger, string @namespace, string pod, string error);
}
