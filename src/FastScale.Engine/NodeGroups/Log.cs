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

    [LoggerMessage(1004, LogLevel.Information, "Group {GroupId} +{Count}: launching in {Batches} batches of at most 100 (target {Target})")]
    public static partial void Launching(ILogger logger, string groupId, int count, int batches, int target);

    [LoggerMessage(1014, LogLevel.Debug, "Group {GroupId} +{Count}: joined launch batch {Batch}, now {Amount} instances")]
    public static partial void JoinedLaunch(ILogger logger, string groupId, int count, long batch, int amount);

    [LoggerMessage(1008, LogLevel.Information, "Group {GroupId}: released {Count} instances")]
    public static partial void Deleted(ILogger logger, string groupId, int count);

    [LoggerMessage(1009, LogLevel.Warning, "Group {GroupId}: releasing {Count} instances failed, will retry: {Error}")]
    public static partial void DeleteRetry(ILogger logger, string groupId, int count, CloudError error);

    [LoggerMessage(1011, LogLevel.Information, "Leading cluster {ClusterId}: groups rebuilt from the cloud, accepting writes")]
    public static partial void Leading(ILogger logger, string clusterId);

    [LoggerMessage(1012, LogLevel.Warning, "Stopped leading: launches, releases and polls of this term are cancelled")]
    public static partial void StoppedLeading(ILogger logger);

    [LoggerMessage(1013, LogLevel.Warning, "Shutting down: cloud calls still running after {Seconds} s are cancelled")]
    public static partial void ShutdownAbandoned(ILogger logger, double seconds);
}
