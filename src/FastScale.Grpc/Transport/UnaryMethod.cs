using Google.Protobuf;

namespace FastScale.Grpc.Transport;

/// <summary>A unary method: parse one <typeparamref name="TRequest"/>, answer one <typeparamref name="TResponse"/>.</summary>
internal sealed class UnaryMethod<TRequest, TResponse>(
    string path,
    MessageParser<TRequest> parser,
    Func<TRequest, CancellationToken, ValueTask<TResponse>> handler) : IGrpcMethod
    where TRequest : IMessage<TRequest>
    where TResponse : IMessage<TResponse>
{
    public string Path { get; } = path;

    public string Name { get; } = path[(path.LastIndexOf('/') + 1)..];

    public async ValueTask<IMessage> InvokeAsync(byte[] request, CancellationToken cancellationToken)
    {
        TRequest message;
        try
        {
            message = parser.ParseFrom(request);
        }
        catch (InvalidProtocolBufferException e)
        {
            // gRPC's own servers answer INTERNAL for a request that does not decode: it is a broken client.
            throw new GrpcStatusException(GrpcStatusCode.Internal, $"request is not a valid {typeof(TRequest).Name}: {e.Message}");
        }

        return await handler(message, cancellationToken);
    }
}
