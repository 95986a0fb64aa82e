using Microsoft.Extensions.Logging;

namespace FastScale.Serve;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information,
        "FastScale serving externalgrpc on {GrpcAddress} ({Transport}); health on {HealthAddress}; cluster {ClusterId} in {Region}, {GroupCount} node group(s), cloud: {Cloud}; Kubernetes API: {KubernetesApi}")]
    public static partial void Serving(ILogger logger, string grpcAddress, string transport, string healthAddress, string clusterId, string region, int groupCount, string cloud, string kubernetesApi);

    [LoggerMessage(2, LogLevel.Warning,
        "gRPC listener is plaintext h2c on a non-loopback address {GrpcAddress}: anyone who reaches it can resize node groups; pass --key, --cert and --cacert for mTLS")]
    public static partial void PlaintextExposed(ILogger logger, string grpcAddress);
}
