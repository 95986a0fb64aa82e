using Microsoft.Extensions.Logging;

namespace FastScale.Kubernetes.Client;

internal static partial class Log
{
    [LoggerMessage(EventId = 400, EventName = "KubernetesRequestFailed", Level = LogLevel.Debug,
        Message = "Kubernetes {Method} {Path} failed: {Code} {Reason}: {ErrorMessage}")]
    public static partial void RequestFailed(ILogger logger, string method, string path, int code, string reason, string errorMessage);

    [LoggerMessage(EventId = 401, EventName = "KubernetesWatchOpened", Level = LogLevel.Debug,
        Message = "Kubernetes watch {Path} opened from resourceVersion {ResourceVersion}")]
    public static partial void WatchOpened(ILogger logger, string path, string? resourceVersion);

    [LoggerMessage(EventId = 402, EventName = "KubernetesWatchRefused", Level = LogLevel.Debug,
        Message = "Kubernetes watch {Path} refused: {Code} {Reason}: {ErrorMessage}")]
    public static partial void WatchRefused(ILogger logger, string path, int code, string reason, string errorMessage);
}
