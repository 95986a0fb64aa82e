using Microsoft.Extensions.Logging;

namespace FastScale.Simulation.Ecs;

internal static partial class Log
{
    [LoggerMessage(EventId = 2001, EventName = "EcsEmulatorListening", Level = LogLevel.Information,
        Message = "ECS emulator for region {Region} listening on http://{Address} (access key id {AccessKeyId}, profile {Profile})")]
    public static partial void Listening(ILogger logger, string region, string address, string accessKeyId, string profile);

    [LoggerMessage(EventId = 2002, EventName = "EcsCallRefused", Level = LogLevel.Debug,
        Message = "{Action} from {Remote}: {Status} {Code}: {Message}")]
    public static partial void Refused(ILogger logger, string action, string? remote, int status, string code, string message);

    [LoggerMessage(EventId = 2003, EventName = "EcsActionThrottled", Level = LogLevel.Information,
        Message = "{Action} throttled (limit {Limit}/s): blocked until the next minute")]
    public static partial void Throttled(ILogger logger, string action, int limit);

    [LoggerMessage(EventId = 2004, EventName = "EcsCallServed", Level = LogLevel.Debug,
        Message = "{Action} from {Remote}: 200")]
    public static partial void Served(ILogger logger, string action, string? remote);
}
