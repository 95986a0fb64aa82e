using System.Buffers.Binary;
using System.IO.Pipelines;
using FastScale.Grpc.Transport;

namespace FastScale.Grpc.Tests.Transport;

public sealed class GrpcRequestReaderTests
{
    private const int Limit = 1024;

    private static byte[] Frame(byte[] message, byte flag = 0)
    {
        var frame = new byte[5 + message.Length];
        frame[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)message.Length);
        message.CopyTo(frame, 5);
        return frame;
    }

    private static async Task<byte[]> ReadAsync(params byte[][] chunks)
    {
        var pipe = new Pipe();
        var reading = GrpcRequestReader.ReadUnaryAsync(pipe.Reader, Limit, CancellationToken.None).AsTask();
        foreach (var chunk in chunks)
        {
            await pipe.Writer.WriteAsync(chunk);
        }

        await pipe.Writer.CompleteAsync();
        return await reading;
    }

    private static async Task<GrpcStatusCode> StatusOfAsync(params byte[][] chunks) =>
        (await Assert.ThrowsAsync<GrpcStatusException>(() => ReadAsync(chunks))).StatusCode;

    [Fact]
    public async Task ReadUnary_FrameSplitAcrossManyWrites_IsReassembled()
    {
        var frame = Frame([1, 2, 3, 4, 5, 6, 7]);
        var chunks = frame.Select(b => new[] { b }).ToArray();

        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6, 7 }, await ReadAsync(chunks));
    }

    [Fact]
    public async Task ReadUnary_HeaderSplitInsideTheLengthField_IsReassembled()
    {
        var frame = Frame([9, 8, 7]);

        Assert.Equal(new byte[] { 9, 8, 7 }, await ReadAsync(frame[..3], frame[3..6], frame[6..]));
    }

    [Fact]
    public async Task ReadUnary_ZeroLengthMessage_IsAnEmptyMessageNotAnError()
    {
        Assert.Empty(await ReadAsync(Frame([])));
    }

    [Fact]
    public async Task ReadUnary_MessageOverTheLimit_IsRefusedFromTheHeaderAlone()
    {
        var header = new byte[5];
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(1), Limit + 1);
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(header);

        // The body never arrives and the writer never completes: the refusal must not wait for either.
        var error = await Assert.ThrowsAsync<GrpcStatusException>(() =>
            GrpcRequestReader.ReadUnaryAsync(pipe.Reader, Limit, CancellationToken.None).AsTask());

        Assert.Equal(GrpcStatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task ReadUnary_MessageExactlyAtTheLimit_IsAccepted()
    {
        Assert.Equal(Limit, (await ReadAsync(Frame(new byte[Limit]))).Length);
    }

    [Fact]
    public async Task ReadUnary_CompressedFlag_IsUnimplemented()
    {
        Assert.Equal(GrpcStatusCode.Unimplemented, await StatusOfAsync(Frame([1, 2], flag: 1)));
    }

    [Fact]
    public async Task ReadUnary_InvalidFlagByte_IsInternal()
    {
        Assert.Equal(GrpcStatusCode.Internal, await StatusOfAsync(Frame([1, 2], flag: 7)));
    }

    [Fact]
    public async Task ReadUnary_EmptyBody_IsInternal()
    {
        Assert.Equal(GrpcStatusCode.Internal, await StatusOfAsync());
    }

    [Fact]
    public async Task ReadUnary_BodyEndsMidMessage_IsInternal()
    {
        Assert.Equal(GrpcStatusCode.Internal, await StatusOfAsync(Frame([1, 2, 3, 4])[..7]));
    }

    [Fact]
    public async Task ReadUnary_TwoMessages_IsInternal()
    {
        Assert.Equal(GrpcStatusCode.Internal, await StatusOfAsync(Frame([1]), Frame([2])));
    }

    [Fact]
    public async Task ReadUnary_CancelledWhileWaitingForTheBody_Throws()
    {
        var pipe = new Pipe();
        using var cancel = new CancellationTokenSource();
        var reading = GrpcRequestReader.ReadUnaryAsync(pipe.Reader, Limit, cancel.Token).AsTask();
        await pipe.Writer.WriteAsync(Frame([1, 2, 3])[..4]);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);
    }
}
