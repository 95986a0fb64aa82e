using FastScale.Engine.NodeGroups;
using Microsoft.Extensions.Logging;

namespace FastScale.Engine.Demand;

internal static partial class Log
{
    [LoggerMessage(1201, LogLevel.Information, "Fast mode: {Decision}; raised to {Target}, {LatencyMs:0} ms after the oldest of those pods became unschedulable")]
    public static partial void Increased(ILogger logger, string decision, int target, double latencyMs);

    [LoggerMessage(1202, LogLevel.Warning, "Fast mode: raising group {GroupId} by {Delta} was refused: {Error}")]
    public static partial void IncreaseRefused(ILogger logger, string groupId, int delta, EngineError error);

    [LoggerMessage(1203, LogLevel.Warning, "Pod {Pod} fits no node group: {Reason}")]
    public static partial void Unplaceable(ILogger logger, string pod, string reason);

    [LoggerMessage(1204, LogLevel.Information, "Fast mode is off (provider.fastMode: false): the autoscaler alone decides scale-ups")]
    public static partial void FastModeOff(ILogger logger);

    [LoggerMessage(1205, LogLevel.Debug, "Fast mode: {Pods} pending pods, all covered by nodes already coming")]
    public static partial void Covered(ILogger logger, int pods);

    [LoggerMessage(1220, LogLevel.Warning, "Fast mode PAUSED: the pending pods are not current (the Kubernetes API is out of reach); no group is raised on what was pending before")]
    public static partial void FastModeBlind(ILogger logger);

    [LoggerMessage(1221, LogLevel.Information, "Fast mode resumed: the pending pods are current again")]
    public static partial void FastModeSeesAgain(ILogger logger);
}
