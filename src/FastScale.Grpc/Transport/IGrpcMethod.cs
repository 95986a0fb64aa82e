using Google.Protobuf;

namespace FastScale.Grpc.Transport;

/// <summary>One served method: turns request bytes into a response message, or throws <see cref="GrpcStatusException"/>.</summary>
public interface IGrpcMethod
{
    /// <summary>The HTTP/2 path, <c>/package.Service/Method</c>.</summary>
    string Path { get; }

    /// <summary>The method name alone, <c>Method</c>: the <c>method</c> label of the gRPC metrics.</summary>
    string Name { get; }

    ValueTask<IMessage> InvokeAsync(byte[] request, CancellationToken cancellationToken);
}
