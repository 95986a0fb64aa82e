using Google.Protobuf;

namespace FastScale.Grpc.Transport;

/// <summary>One served method: turns request bytes into a response message, or throws <see cref="GrpcStatusException"/>.</summary>
public interface IGrpcMethod
{
    /// <summary>The HTTP/2 path, <c>/package.Service/Method</c>.</summary>
    string Path { get; }

    ValueTask<IMessage> InvokeAsync(byte[] request, CancellationToken cancellationToken);
}
