using Microsoft.Extensions.Logging;

namespace FastScale.Kubernetes.Adapters.Rollout;

internal static partial class Log
{
    [LoggerMessage(3401, LogLevel.Information, "Draining node {Node} of instance {InstanceId} (group {Group}): cordoned, evicting its pods; timeout {Timeout}, then {OnTimeout}")]
    public static partial void DrainStarted(ILogger logger, string node, string instanceId, string group, TimeSpan timeout, string onTimeout);

    [LoggerMessage(3402, LogLevel.Information, "Drain of node {Node} (group {Group}) ended {Result} after {Elapsed}: {Evicted} evicted, {Refused} refusals by disruption budgets, {ForceDeleted} deleted by force, {Failed} failed requests (last: {LastError})")]
    public static partial void DrainEnded(ILogger logger, string node, string group, string result, TimeSpan elapsed, int evicted, int refused, int forceDeleted, int failed, string lastError);

    [LoggerMessage(3403, LogLevel.Information, "Drain of instance {InstanceId} (group {Group}): no Node names it, nothing to drain")]
    public static partial void DrainNodeGone(ILogger logger, string instanceId, string group);

    [LoggerMessage(3404, LogLevel.Warning, "Could not cordon node {Node} for a drain (group {Group}), will retry until the drain timeout: {Error}")]
    public static partial void CordonFailed(ILogger logger, string node, string group, string error);

    [LoggerMessage(3405, LogLevel.Warning, "Could not list the pods of node {Node} being drained (group {Group}), will retry: {Error}")]
    public static partial void ListFailed(ILogger logger, string node, string group, string error);

    [LoggerMessage(3406, LogLevel.Information, "Released node {Node} of instance {InstanceId}: the rollout's cordon and scale-down mark removed where it had put them")]
    public static partial void Released(ILogger logger, string node, string instanceId);

    [LoggerMessage(3407, LogLevel.Warning, "Could not release node {Node} of instance {InstanceId}: {Error}")]
    public static partial void ReleaseFailed(ILogger logger, string node, string instanceId, string error);

    [LoggerMessage(3413, LogLevel.Information, "Rollout Events that name no Node are not posted: POD_NAME and POD_NAMESPACE are not set, so there is no FastScale pod to hang them on (the log and metrics have them)")]
    public static partial void NoEventTarget(ILogger logger);
}
