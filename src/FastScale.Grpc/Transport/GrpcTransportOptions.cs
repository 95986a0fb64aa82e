namespace FastScale.Grpc.Transport;

/// <summary>Limits of the gRPC transport, both directions. Defaults match gRPC's usual 4 MiB.</summary>
public sealed class GrpcTransportOptions
{
    /// <summary>Largest request message accepted; larger ones answer RESOURCE_EXHAUSTED without being read.</summary>
    public int MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest response message sent; a larger answer becomes RESOURCE_EXHAUSTED, as clients would refuse it anyway.</summary>
    public int MaxSendMessageSize { get; set; } = 4 * 1024 * 1024;
}
