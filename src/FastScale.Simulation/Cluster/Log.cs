using Microsoft.Extensions.Logging;

namespace FastScale.Simulation.Cluster;

internal static partial class Log
{
    [LoggerMessage(2101, LogLevel.Information, "Cluster simulator serving the Kubernetes API on http://{Address} (any bearer token accepted)")]
    public static partial void Listening(ILogger logger, string address);
}
