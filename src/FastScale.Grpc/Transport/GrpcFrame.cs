using System.Buffers;
using System.Buffers.Binary;

namespace FastScale.Grpc.Transport;

/// <summary>
/// gRPC's length-prefixed message framing: one byte compressed-flag, four bytes big-endian length, then the message.
/// Shared by the server's reader and <see cref="GrpcClient"/>; it never reads past one frame.
/// </summary>
public static class GrpcFrame
{
    public const int HeaderSize = 5;

    /// <summary>
    /// Tries to take one whole frame from the front of <paramref name="buffer"/>. Returns false when more bytes are
    /// needed. Throws <see cref="GrpcStatusException"/> for a frame that can never be accepted, as soon as its header
    /// says so, so an oversized message is refused without being read.
    /// </summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, int maxMessageSize, out ReadOnlySequence<byte> message)
    {
        message = default;
        if (buffer.Length < HeaderSize)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[HeaderSize];
        buffer.Slice(0, HeaderSize).CopyTo(header);
        switch (header[0])
        {
            case 0:
                break;
            case 1:
                throw new GrpcStatusException(GrpcStatusCode.Unimplemented,
                    "compressed messages are not supported: send messages uncompressed (grpc-accept-encoding: identity)");
            default:
                throw new GrpcStatusException(GrpcStatusCode.Internal, $"invalid gRPC frame: compressed-flag byte {header[0]}");
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (length > (uint)maxMessageSize)
        {
            throw new GrpcStatusException(GrpcStatusCode.ResourceExhausted,
                $"message of {length} bytes exceeds the limit of {maxMessageSize} bytes");
        }

        if (buffer.Length - HeaderSize < length)
        {
            return false;
        }

        message = buffer.Slice(HeaderSize, length);
        buffer = buffer.Slice(HeaderSize + length);
        return true;
    }

    /// <summary>Writes the 5-byte header for a message of <paramref name="length"/> bytes (uncompressed).</summary>
    public static void WriteHeader(Span<byte> destination, int length)
    {
        destination[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], (uint)length);
    }
}
