using FastScale.Engine.Cloud;
using Microsoft.Extensions.Logging;

namespace FastScale.Engine.Repair;

internal static partial class Log
{
    [LoggerMessage(1501, LogLevel.Warning, "Group {GroupId}: replacing instance {InstanceId} ({Reason}): {Detail}")]
    public static partial void Replacing(ILogger logger, string groupId, string instanceId, string reason, string detail);

    [LoggerMessage(1502, LogLevel.Warning, "Group {GroupId}: REPAIR PAUSED: {Unhealthy} of {Total} instances are unhealthy, more than the {Percent}% allowed ({Allowed}); a sick cluster must not cause a mass replacement")]
    public static partial void BrakeEngaged(ILogger logger, string groupId, int unhealthy, int total, int percent, int allowed);

    [LoggerMessage(1503, LogLevel.Warning, "Group {GroupId}: repair resumed: {Unhealthy} of {Total} instances unhealthy, within the {Percent}% allowed ({Allowed})")]
    public static partial void BrakeReleased(ILogger logger, string groupId, int unhealthy, int total, int percent, int allowed);

    [LoggerMessage(1504, LogLevel.Warning, "Group {GroupId}: releasing {Count} instances under repair failed, will retry: {Error}")]
    public static partial void ReleaseRetry(ILogger logger, string groupId, int count, CloudError error);

    [LoggerMessage(1505, LogLevel.Warning, "Group {GroupId}: {Count} replacement instances could not be created ({Error}); the reconciler takes the slots over")]
    public static partial void ReplacementLaunchFailed(ILogger logger, string groupId, int count, CloudError error);

    [LoggerMessage(1506, LogLevel.Information, "Repair waits for the node list to sync before judging any instance")]
    public static partial void WaitingForNodes(ILogger logger);

    [LoggerMessage(1507, LogLevel.Warning, "REPAIR PAUSED: the node view is not current (the Kubernetes API is out of reach); no instance is judged on what the cluster looked like before")]
    public static partial void BlindPaused(ILogger logger);

    [LoggerMessage(1508, LogLevel.Warning, "Repair resumed: the node view is current again after {Seconds:0.0} s; every instance's deadline counts again from now")]
    public static partial void BlindResumed(ILogger logger, double seconds);

}
