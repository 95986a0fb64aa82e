using Microsoft.Extensions.Logging;

namespace FastScale.Engine.Background;

internal static partial class Log
{
    [LoggerMessage(1010, LogLevel.Error, "{Owner} {Work} failed unexpectedly")]
    public static partial void BackgroundWorkFailed(ILogger logger, string owner, string work, Exception exception);
}
