using Microsoft.Extensions.Logging;

namespace FastScale.Kubernetes.LeaderElection;

internal static partial class Log
{
    [LoggerMessage(EventId = 430, EventName = "LeaderAcquired", Level = LogLevel.Information,
        Message = "Leader election {Namespace}/{Lease}: {Identity} is now the leader")]
    public static partial void Acquired(ILogger logger, string @namespace, string lease, string identity);

    [LoggerMessage(EventId = 431, EventName = "LeaderLost", Level = LogLevel.Warning,
        Message = "Leader election {Namespace}/{Lease}: {Identity} stopped leading ({Reason})")]
    public static partial void Lost(ILogger logger, string @namespace, string lease, string identity, string reason);

    [LoggerMessage(EventId = 432, EventName = "LeaderObserved", Level = LogLevel.Information,
        Message = "Leader election {Namespace}/{Lease}: the leader is now '{Holder}'")]
    public static partial void Observed(ILogger logger, string @namespace, string lease, string holder);

    [LoggerMessage(EventId = 433, EventName = "LeaseUpdateFailed", Level = LogLevel.Debug,
        Message = "Leader election {Namespace}/{Lease}: {Action} failed: {Error}")]
    public static partial void UpdateFailed(ILogger logger, string @namespace, string lease, string action, string error);

    [LoggerMessage(EventId = 434, EventName = "LeaseReleased", Level = LogLevel.Information,
        Message = "Leader election {Namespace}/{Lease}: {Identity} released the lease")]
    public static partial void Released(ILogger logger, string @namespace, string lease, string identity);
}
