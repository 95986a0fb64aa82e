using FastScale.Engine.Cloud;
using Microsoft.Extensions.Logging;

namespace FastScale.Engine.WarmPool;

internal static partial class Log
{
    [LoggerMessage(1401, LogLevel.Information, "Group {GroupId} warm pool: refilling {Count} (size {Size}, scale-out settled)")]
    public static partial void Refilling(ILogger logger, string groupId, int count, int size);

    [LoggerMessage(1402, LogLevel.Information, "Group {GroupId} +{Count} from the warm pool ({Ready} were ready); {Cold} to create cold")]
    public static partial void Taking(ILogger logger, string groupId, int count, int ready, int cold);

    [LoggerMessage(1403, LogLevel.Warning, "Group {GroupId}: warm instance {InstanceId} refused to start ({Error}); released, its slot goes to a cold launch")]
    public static partial void StartOutOfStock(ILogger logger, string groupId, string instanceId, CloudError error);

    [LoggerMessage(1404, LogLevel.Warning, "Group {GroupId}: {Count} warm instances did not start ({Error}); their slots go to cold launches, the instances stay in the pool")]
    public static partial void StartFailed(ILogger logger, string groupId, int count, CloudError error);

    [LoggerMessage(1405, LogLevel.Information, "Group {GroupId} warm pool: {Count} instances stopping (economical), {Joined} of them with their Node registered")]
    public static partial void Stopping(ILogger logger, string groupId, int count, int joined);

    [LoggerMessage(1406, LogLevel.Information, "Group {GroupId} warm pool: released {Count} instances")]
    public static partial void Released(ILogger logger, string groupId, int count);

    [LoggerMessage(1407, LogLevel.Warning, "Group {GroupId} warm pool: {Action} of {Count} instances failed, will retry: {Error}")]
    public static partial void CallFailed(ILogger logger, string groupId, CloudAction action, int count, CloudError error);

    [LoggerMessage(1408, LogLevel.Warning, "Group {GroupId} warm pool: instance {InstanceId} is gone from the cloud; forgotten")]
    public static partial void Vanished(ILogger logger, string groupId, string instanceId);

    [LoggerMessage(1409, LogLevel.Information, "Group {GroupId} warm pool: recovered instance {InstanceId} as {State}")]
    public static partial void Recovered(ILogger logger, string groupId, string instanceId, WarmInstanceState state);

    [LoggerMessage(1410, LogLevel.Warning, "Group {GroupId}: warm-tagged instance {InstanceId} is {Status} at recovery: adopted as a node of the group (taken, or caught warming)")]
    public static partial void RecoveredIntoGroup(ILogger logger, string groupId, string instanceId, CloudInstanceStatus status);

    [LoggerMessage(1411, LogLevel.Information, "Group {GroupId} warm pool: {Count} surplus instances to release (size {Size})")]
    public static partial void Surplus(ILogger logger, string groupId, int count, int size);

    [LoggerMessage(1412, LogLevel.Warning, "Group {GroupId} warm pool: instance {InstanceId} was stopped in standard mode (KeepCharging), not economical mode: it is billed as if running. Economical mode needs a pay-as-you-go instance in a VPC and may need to be enabled for the account")]
    public static partial void KeepsCharging(ILogger logger, string groupId, string instanceId);

    [LoggerMessage(1413, LogLevel.Warning, "Group {GroupId} warm pool: instance {InstanceId} booted but its Node did not register and get cordoned within {Timeout}; released, a refill replaces it")]
    public static partial void NeverJoined(ILogger logger, string groupId, string instanceId, TimeSpan timeout);

    [LoggerMessage(1414, LogLevel.Information, "Group {GroupId}: releasing {Count} warm instances of an older template; the refill replaces them with the current one")]
    public static partial void DriftedReleased(ILogger logger, string groupId, int count);
}
