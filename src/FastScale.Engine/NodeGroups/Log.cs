using FastScale.Engine.Cloud;
using Microsoft.Extensions.Logging;

namespace FastScale.Engine.NodeGroups;

internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Information, "Recovered {Count} instances from the cloud for cluster {ClusterId}")]
    public static partial void Recovered(ILogger logger, int count, string clusterId);

    [LoggerMessage(1002, LogLevel.Warning, "Cannot read the cloud's inventory yet, retrying: {Error}")]
    public static partial void RecoveryFailed(ILogger logger, CloudError error);

    [LoggerMessage(1003, LogLevel.Warning, "Instance {InstanceId} is tagged for unknown node group {GroupId}; left alone")]
    public static partial void UnknownGroup(ILogger logger, string instanceId, string groupId);

    [LoggerMessage(1004, LogLevel.Information, "Group {GroupId} +{Count}: launched {InstanceType} in {ZoneId} (target {Target})")]
    public static partial void Launched(ILogger logger, string groupId, int count, string instanceType, string zoneId, int target);

    [LoggerMessage(1005, LogLevel.Warning, "Group {GroupId}: {InstanceType} in {ZoneId} refused: {Error}; trying the next offering")]
    public static partial void OfferingRefused(ILogger logger, string groupId, string instanceType, string zoneId, CloudError error);

    [LoggerMessage(1006, LogLevel.Warning, "Group {GroupId}: launch of {Count} failed, will retry: {Error}")]
    public static partial void LaunchRetry(ILogger logger, string groupId, int count, CloudError error);

    [LoggerMessage(1007, LogLevel.Error, "Group {GroupId}: {Count} instances could not be created, reported to the autoscaler: {Error}")]
    public static partial void LaunchFailed(ILogger logger, string groupId, int count, CloudError error);

    [LoggerMessage(1008, LogLevel.Information, "Group {GroupId}: released {Count} instances")]
    public static partial void Deleted(ILogger logger, string groupId, int count);

    [LoggerMessage(1009, LogLevel.Warning, "Group {GroupId}: releasing {Count} instances failed, will retry: {Error}")]
    public static partial void DeleteRetry(ILogger logger, string groupId, int count, CloudError error);
}
