using Microsoft.Extensions.Logging;

namespace FastScale.Kubernetes.Config;

internal static partial class Log
{
    [LoggerMessage(EventId = 410, EventName = "KubernetesTokenFileUnreadable", Level = LogLevel.Warning,
        Message = "Kubernetes token file {TokenFile} cannot be read ({Reason}); keeping the previous token")]
    public static partial void TokenFileUnreadable(ILogger logger, string tokenFile, string reason);
}
