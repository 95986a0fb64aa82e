using Microsoft.Extensions.Logging;

namespace FastScale.Simulation.Workloads;

internal static partial class Log
{
    [LoggerMessage(2301, LogLevel.Debug, "ReplicaSet {ReplicaSet}: {Active} active of {Replicas}, creating {Create}, deleting {Delete}")]
    public static partial void Scaling(ILogger logger, string replicaSet, int active, int replicas, int create, int delete);

    [LoggerMessage(2302, LogLevel.Warning, "ReplicaSet {ReplicaSet}: {Action} failed: {Error}; retrying")]
    public static partial void WriteFailed(ILogger logger, string replicaSet, string action, string error);
}
