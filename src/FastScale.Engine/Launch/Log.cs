using FastScale.Engine.Cloud;
using Microsoft.Extensions.Logging;

namespace FastScale.Engine.Launch;

internal static partial class Log
{
    [LoggerMessage(1101, LogLevel.Warning, "{Action} throttled ({Code}): rate lowered to {Qps:0.###}/s, next probe in {Seconds:0.###} s")]
    public static partial void ActionThrottled(ILogger logger, CloudAction action, string code, double qps, double seconds);

    [LoggerMessage(1102, LogLevel.Information, "{Action} answered again: going on at {Qps:0.###}/s, climbing back after a quiet period")]
    public static partial void ActionRecovered(ILogger logger, CloudAction action, double qps);

    [LoggerMessage(1103, LogLevel.Information, "Group {GroupId} batch {Batch}: {Count} of {Asked} launched as {InstanceType} in {ZoneId}")]
    public static partial void Launched(ILogger logger, string groupId, long batch, int count, int asked, string instanceType, string zoneId);

    [LoggerMessage(1104, LogLevel.Warning, "Group {GroupId} batch {Batch}: {InstanceType} in {ZoneId} refused ({Error}); that {Scope} is skipped by every group for {TtlSeconds} s; trying the next offering")]
    public static partial void OfferingUnavailable(
        ILogger logger, string groupId, long batch, string instanceType, string zoneId, CloudError error, CapacityScope scope, double ttlSeconds);

    [LoggerMessage(1105, LogLevel.Warning, "Group {GroupId} batch {Batch}: RunInstances failed transiently ({Error}); retry {Attempt} in {DelayMs:0} ms with the same ClientToken")]
    public static partial void Retrying(ILogger logger, string groupId, long batch, CloudError error, int attempt, double delayMs);

    [LoggerMessage(1106, LogLevel.Error, "Group {GroupId} batch {Batch}: {Count} instances cannot be created: {Error}")]
    public static partial void BatchFailed(ILogger logger, string groupId, long batch, int count, CloudError error);

    [LoggerMessage(1107, LogLevel.Information, "DeleteInstances: {Gone} of {Requested} instances were already gone; deleting the rest")]
    public static partial void SomeAlreadyDeleted(ILogger logger, int gone, int requested);
}
