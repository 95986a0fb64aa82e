namespace FastScale.Grpc.Transport;

/// <summary>
/// A call that ends with a non-OK status. Thrown by handlers to answer with that status, and by
/// <see cref="GrpcClient"/> when the server answered one.
/// </summary>
public sealed class GrpcStatusException(GrpcStatusCode statusCode, string message) : Exception(message)
{
    public GrpcStatusCode StatusCode { get; } = statusCode;

    public override string ToString() => $"gRPC status {StatusCode} ({(int)StatusCode}): {Message}";
}
