using Microsoft.Extensions.Logging;

namespace FastScale.Kubernetes.Informers;

internal static partial class Log
{
    [LoggerMessage(EventId = 420, EventName = "InformerListed", Level = LogLevel.Debug,
        Message = "Informer {Resource}: listed {Count} objects at resourceVersion {ResourceVersion} ({Changes} changes to the cache)")]
    public static partial void Listed(ILogger logger, string resource, int count, string resourceVersion, int changes);

    [LoggerMessage(EventId = 421, EventName = "InformerListFailed", Level = LogLevel.Warning,
        Message = "Informer {Resource}: list failed ({Error}); retrying in {DelaySeconds:0.###} s")]
    public static partial void ListFailed(ILogger logger, string resource, string error, double delaySeconds);

    [LoggerMessage(EventId = 422, EventName = "InformerResourceVersionExpired", Level = LogLevel.Information,
        Message = "Informer {Resource}: resourceVersion {ResourceVersion} is too old (410); relisting")]
    public static partial void Expired(ILogger logger, string resource, string? resourceVersion);

    [LoggerMessage(EventId = 423, EventName = "InformerWatchFailed", Level = LogLevel.Warning,
        Message = "Informer {Resource}: watch from {ResourceVersion} failed ({Error}); retrying in {DelaySeconds:0.###} s")]
    public static partial void WatchFailed(ILogger logger, string resource, string? resourceVersion, string error, double delaySeconds);

    [LoggerMessage(EventId = 424, EventName = "InformerWatchEnded", Level = LogLevel.Debug,
        Message = "Informer {Resource}: watch ended at resourceVersion {ResourceVersion} after {Events} events")]
    public static partial void WatchEnded(ILogger logger, string resource, string? resourceVersion, int events);
}
