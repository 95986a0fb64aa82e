using Microsoft.Extensions.Logging;

namespace FastScale.Kubernetes.Adapters.Demand;

internal static partial class Log
{
    [LoggerMessage(3201, LogLevel.Warning, "Pod events queue full ({Capacity}): dropping Kubernetes Events about unplaceable pods until it drains (the log and metrics still have them)")]
    public static partial void EventsDropped(ILogger logger, int capacity);

    [LoggerMessage(3202, LogLevel.Warning, "Could not post an Event on pod {Namespace}/{Pod}: {Error}")]
    public static partial void EventFailed(ILogger logger, string @namespace, string pod, string error);
}
