using Microsoft.Extensions.Logging;

namespace FastScale.Kubernetes.Adapters.Nodes;

internal static partial class Log
{
    [LoggerMessage(3101, LogLevel.Information, "Node {Node} {What}")]
    public static partial void WarmNodeChanged(ILogger logger, string node, string what);

    [LoggerMessage(3102, LogLevel.Warning, "Node {Node}: could not change its warm-pool cordon, will retry: {Error}")]
    public static partial void WarmNodeChangeFailed(ILogger logger, string node, string error);
}
