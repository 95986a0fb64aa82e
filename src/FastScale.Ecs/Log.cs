using Microsoft.Extensions.Logging;

namespace FastScale.Ecs;

internal static partial class Log
{
    [LoggerMessage(3101, LogLevel.Information, "DeleteInstances: {Gone} of {Requested} instances were already gone; deleting the rest")]
    public static partial void SomeAlreadyDeleted(ILogger logger, int gone, int requested);
}
