using Microsoft.Extensions.Logging;

namespace FastScale.Engine.Rollout;

internal static partial class Log
{
    [LoggerMessage(1601, LogLevel.Information, "Group {GroupId}: rollout started: {Old} nodes drifted ({Reasons}); up to {Surge} new nodes above the group's size and {Unavailable} below it at once")]
    public static partial void Started(ILogger logger, string groupId, int old, string reasons, int surge, int unavailable);

    [LoggerMessage(1602, LogLevel.Information, "Group {GroupId}: rollout complete: {Replaced} nodes replaced in {Seconds:F0} s")]
    public static partial void Completed(ILogger logger, string groupId, int replaced, double seconds);

    [LoggerMessage(1603, LogLevel.Information, "Group {GroupId}: rollout {State}: {Old} drifted nodes wait")]
    public static partial void Waiting(ILogger logger, string groupId, string state, int old);

    [LoggerMessage(1604, LogLevel.Warning, "Group {GroupId}: ROLLOUT HALTED: {Reason}; {Old} drifted nodes left as they are. It resumes when the group's policy changes or is un-paused")]
    public static partial void Halted(ILogger logger, string groupId, string reason, int old);

    [LoggerMessage(1605, LogLevel.Information, "Group {GroupId}: rollout resumed after a halt ({Why})")]
    public static partial void Resumed(ILogger logger, string groupId, string why);

    [LoggerMessage(1606, LogLevel.Warning, "Group {GroupId}: draining node of {InstanceId} timed out after {Seconds:F0} s; it stays cordoned, drained again in {Seconds:F0} s (a PodDisruptionBudget is the usual cause)")]
    public static partial void DrainTimedOut(ILogger logger, string groupId, string instanceId, double seconds);

    [LoggerMessage(1607, LogLevel.Warning, "Group {GroupId}: node of {InstanceId} force-drained after {Seconds:F0} s: {Count} pods deleted despite their disruption budgets")]
    public static partial void DrainForced(ILogger logger, string groupId, string instanceId, double seconds, int count);

    [LoggerMessage(1608, LogLevel.Information, "Group {GroupId}: {InstanceId} is no longer drifted (the policy changed back); its node is opened again")]
    public static partial void DrainAbandoned(ILogger logger, string groupId, string instanceId);

    [LoggerMessage(1609, LogLevel.Warning, "Group {GroupId}: draining the node of {InstanceId} failed, will retry: {Error}")]
    public static partial void DrainFailed(ILogger logger, string groupId, string instanceId, string error);
}
