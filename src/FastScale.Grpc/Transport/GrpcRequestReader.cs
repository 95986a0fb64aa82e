using System.Buffers;
using System.IO.Pipelines;

namespace FastScale.Grpc.Transport;

/// <summary>Reads the single message of a unary request from the request body.</summary>
public static class GrpcRequestReader
{
    /// <summary>
    /// Returns the message bytes once the body has ended. A body with no message, a message cut short, or a second
    /// message is a protocol violation (INTERNAL); the limits of <see cref="GrpcFrame.TryRead"/> apply.
    /// </summary>
    public static async ValueTask<byte[]> ReadUnaryAsync(PipeReader reader, int maxMessageSize, CancellationToken cancellationToken)
    {
        byte[]? message = null;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            try
            {
                if (message is null && GrpcFrame.TryRead(ref buffer, maxMessageSize, out var frame))
                {
                    message = frame.ToArray();
                }

                if (message is not null && !buffer.IsEmpty)
                {
                    throw new GrpcStatusException(GrpcStatusCode.Internal, "a unary request must carry exactly one message; it carried more");
                }

                if (result.IsCompleted || result.IsCanceled)
                {
                    return message ?? throw new GrpcStatusException(GrpcStatusCode.Internal, buffer.IsEmpty
                        ? "the request ended without a message"
                        : $"the request ended in the middle of a message ({buffer.Length} bytes of a frame)");
                }
            }
            finally
            {
                // Everything before the unread tail is consumed; ask for more only once all of it was examined.
                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
    }
}
