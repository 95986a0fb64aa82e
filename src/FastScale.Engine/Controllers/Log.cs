using Microsoft.Extensions.Logging;

namespace FastScale.Engine.Controllers;

internal static partial class Log
{
    [LoggerMessage(EventId = 1801, EventName = "ControllerPassFailed", Level = LogLevel.Error,
        Message = "a {Controller} pass failed; the next pass runs in a second")]
    public static partial void PassFailed(ILogger logger, string controller, Exception exception);
}
