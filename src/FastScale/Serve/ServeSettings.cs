using FastScale.Engine.Cloud.InMemory;
using FastScale.Engine.NodeGroups;
using FastScale.Engine.Policy;
using FastScale.Grpc.Transport;

namespace FastScale.Serve;

/// <summary>Everything <see cref="ProviderApp"/> needs to start a provider, already parsed and validated.</summary>
internal sealed class ServeSettings
{
    public required ScalePolicy Policy { get; init; }

    public GrpcListenOptions Grpc { get; init; } = new();

    /// <summary>Health endpoints (and, later, /metrics) over HTTP/1.1; null to serve none.</summary>
    public string? MetricsListen { get; init; }

    public InMemoryCloudOptions InMemoryCloud { get; init; } = new();

    public ReconcilerOptions Reconciler { get; init; } = new();

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
