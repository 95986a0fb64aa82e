using Microsoft.Extensions.Logging;

namespace FastScale.Ecs.Client;

internal static partial class Log
{
    [LoggerMessage(3001, LogLevel.Debug, "ECS {Action} ok: request {RequestId} in {ElapsedMs:F0} ms")]
    public static partial void CallSucceeded(ILogger logger, string action, string? requestId, double elapsedMs);

    [LoggerMessage(3002, LogLevel.Warning, "ECS {Action} {Outcome}: {Code} request {RequestId} in {ElapsedMs:F0} ms: {Message}")]
    public static partial void CallFailed(
        ILogger logger, string action, string outcome, string code, string? requestId, double elapsedMs, string message);
}
