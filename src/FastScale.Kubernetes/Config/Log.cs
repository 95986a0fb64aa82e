using Microsoft.Extensions.Logging;

namespace FastScale.Kubernetes.Config;

internal static partial class Log
{
    [LoggerMessage(EventId = 410, EventName = "KubernetesTokenFileUnreadable", Level = LogLevel.Warning,
        Message = "Kubernetes token file {TokenFile} cannot be read ({Reason}); keeping the previous token")]
    public static partial void TokenFileUnreadable(ILogger logger, string tokenFile, string reason);

    [LoggerMessage(EventId = 411, EventName = "KubernetesExecPluginRan", Level = LogLevel.Information,
        Message = "Kubernetes credential plugin {Command} exited with code {ExitCode} after {ElapsedMs:0} ms")]
    public static partial void ExecPluginRan(ILogger logger, string command, int exitCode, double elapsedMs);

    [LoggerMessage(EventId = 412, EventName = "KubernetesExecCredentialRejected", Level = LogLevel.Warning,
        Message = "Kubernetes API answered 401 to the credential from plugin {Command}; running the plugin again")]
    public static partial void ExecCredentialRejected(ILogger logger, string command);
}
