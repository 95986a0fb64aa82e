using Microsoft.Extensions.Logging;

namespace FastScale.Simulation.Nodes;

internal static partial class Log
{
    [LoggerMessage(2201, LogLevel.Information, "Simulated kubelets following the instances of cluster {ClusterId} (latency profile {Profile}, poll every {PollSeconds} s)")]
    public static partial void KubeletsStarted(ILogger logger, string clusterId, string profile, double pollSeconds);

    [LoggerMessage(2202, LogLevel.Warning, "Instance poll failed ({Kind} {Code}: {Message}); keeping the last known instances")]
    public static partial void PollFailed(ILogger logger, string kind, string code, string message);

    [LoggerMessage(2203, LogLevel.Warning, "Listing Nodes to adopt failed: {Error}; retrying")]
    public static partial void AdoptionListFailed(ILogger logger, string error);

    [LoggerMessage(2204, LogLevel.Warning, "Instance {InstanceId} is in node group '{GroupId}', which the policy does not have: no Node will register")]
    public static partial void NoTemplate(ILogger logger, string instanceId, string groupId);

    [LoggerMessage(2205, LogLevel.Information, "Adopted Node {Node} from an earlier run ({Phase})")]
    public static partial void Adopted(ILogger logger, string node, string phase);

    [LoggerMessage(2206, LogLevel.Information, "Instance {InstanceId}: the fault plan says its kubelet never registers")]
    public static partial void NeverRegisters(ILogger logger, string instanceId);

    [LoggerMessage(2207, LogLevel.Debug, "Node {Node} registered (group {GroupId}); Ready in {ReadySeconds:0.###} s")]
    public static partial void Registered(ILogger logger, string node, string groupId, double readySeconds);

    [LoggerMessage(2208, LogLevel.Debug, "Node {Node} Ready, {SinceRunningSeconds:0.###} s after its instance was seen Running")]
    public static partial void Ready(ILogger logger, string node, double sinceRunningSeconds);

    [LoggerMessage(2209, LogLevel.Debug, "Node {Node}: instance stopped, marked Ready=Unknown with the unreachable taint")]
    public static partial void MarkedUnreachable(ILogger logger, string node);

    [LoggerMessage(2210, LogLevel.Debug, "Node {Node} deleted: instance {InstanceId} was released")]
    public static partial void Deleted(ILogger logger, string node, string instanceId);

    [LoggerMessage(2211, LogLevel.Warning, "Node {Node} ({Phase}): {Error}; retrying in {RetrySeconds} s")]
    public static partial void StepFailed(ILogger logger, string node, string phase, string error, double retrySeconds);

    [LoggerMessage(2212, LogLevel.Warning, "Node {Node}: {Heartbeat} heartbeat failed: {Error}; retrying in {RetrySeconds} s")]
    public static partial void HeartbeatFailed(ILogger logger, string node, string heartbeat, string error, double retrySeconds);

    [LoggerMessage(2221, LogLevel.Information, "Simulated scheduler running as {SchedulerName}")]
    public static partial void SchedulerStarted(ILogger logger, string schedulerName);

    [LoggerMessage(2222, LogLevel.Debug, "Scheduling cycle: {Pending} pending, {Bound} bound, {Unschedulable} unschedulable ({Written} conditions written), {Nodes} nodes")]
    public static partial void Cycle(ILogger logger, int pending, int bound, int unschedulable, int written, int nodes);

    [LoggerMessage(2223, LogLevel.Warning, "Binding pod {Pod} to {Node} failed: {Error}")]
    public static partial void BindFailed(ILogger logger, string pod, string node, string error);

    [LoggerMessage(2224, LogLevel.Warning, "Marking pod {Pod} unschedulable failed: {Error}")]
    public static partial void UnschedulableWriteFailed(ILogger logger, string pod, string error);

    [LoggerMessage(2225, LogLevel.Debug, "Pod {Pod} started on {Node}: Running and Ready")]
    public static partial void PodStarted(ILogger logger, string pod, string node);

    [LoggerMessage(2226, LogLevel.Warning, "Starting pod {Pod} failed: {Error}; retrying")]
    public static partial void PodStartFailed(ILogger logger, string pod, string error);
}
