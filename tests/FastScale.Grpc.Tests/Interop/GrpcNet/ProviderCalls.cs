using Google.Protobuf;
using Grpc.Core;

using FastScale.Grpc.Protos;
using CloudProviderClient = FastScale.Grpc.Protos.CloudProvider.CloudProviderClient;

namespace FastScale.Grpc.Tests.Interop.GrpcNet;

/// <summary>
/// The calls the checks make through Grpc.Net.Client: the generated <see cref="CloudProviderClient"/>
/// for typed calls, and the channel's <see cref="CallInvoker"/> with byte-array marshallers for what the stub cannot
/// send (unknown methods) or would hide (the raw bytes of an answer). Every call carries a deadline, as the
/// autoscaler's do.
/// </summary>
internal sealed class ProviderCalls(CallInvoker invoker, TimeProvider time)
{
    public const string Service = "clusterautoscaler.cloudprovider.v1.externalgrpc.CloudProvider";

    /// <summary>What the autoscaler gives every call.</summary>
    public static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(5);

    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(bytes => bytes, bytes => bytes);

    public CloudProviderClient Client { get; } = new(invoker);

    public TimeProvider Time => time;

    public DateTime Deadline(TimeSpan? timeout = null) => time.GetUtcNow().UtcDateTime + (timeout ?? CallDeadline);

    public CallOptions Options(TimeSpan? timeout = null, Metadata? headers = null) => new(headers, Deadline(timeout));

    /// <summary>A unary call to <c>/service/method</c> whose request and answer are the raw message bytes.</summary>
    public Task<byte[]> RawAsync(string service, string method, byte[] request)
    {
        var descriptor = new Method<byte[], byte[]>(MethodType.Unary, service, method, Bytes, Bytes);
        return invoker.AsyncUnaryCall(descriptor, null, Options(), request).ResponseAsync;
    }

    public async Task<int> TargetSizeAsync(string group) =>
        (await Client.NodeGroupTargetSizeAsync(new NodeGroupTargetSizeRequest { Id = group }, Options())).TargetSize;

    public async Task<IReadOnlyList<Instance>> NodesAsync(string group) =>
        (await Client.NodeGroupNodesAsync(new NodeGroupNodesRequest { Id = group }, Options())).Instances;

    /// <summary>The group id NodeGroupForNode names, "" for "not ours".</summary>
    public async Task<string> GroupForAsync(ExternalGrpcNode node) =>
        (await Client.NodeGroupForNodeAsync(new NodeGroupForNodeRequest { Node = node }, Options())).NodeGroup?.Id ?? "";

    /// <summary>Polls until done(value) or the bound passes; returns the last value either way for the caller to assert on.</summary>
    public async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan bound)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            var value = await read();
            if (done(value) || time.GetElapsedTime(started) > bound)
            {
                return value;
            }

            // A real server on a real clock: this polls its state, it does not wait for time to pass in a test.
            await Task.Delay(TimeSpan.FromMilliseconds(50), time);
        }
    }

    public static ExternalGrpcNode Node(string providerId, string name) => new() { ProviderID = providerId, Name = name };

    /// <summary>The error status a call ended with; fails on OK, and on UNKNOWN (an exception escaping the server).</summary>
    public static async Task<RpcException> ExpectErrorAsync<T>(Task<T> call)
    {
        T response;
        try
        {
            response = await call;
        }
        catch (RpcException error)
        {
            Assert.True(error.StatusCode != StatusCode.Unknown, $"an exception surfaced as UNKNOWN: {error.Status.Detail}");
            return error;
        }

        var answer = (response as IMessage)?.ToString() ?? response?.ToString() ?? "";
        throw new InvalidOperationException($"expected an error status, got OK {(answer.Length > 300 ? answer[..300] + "…" : answer)}");
    }

    /// <summary>The call ended with <paramref name="code"/> and a message saying why.</summary>
    public static async Task<RpcException> ExpectCodeAsync<T>(Task<T> call, StatusCode code)
    {
        var error = await ExpectErrorAsync(call);
        Assert.True(error.StatusCode == code, $"expected status {code}, got {Describe(error)}");
        Assert.False(string.IsNullOrEmpty(error.Status.Detail), "the status carries no message");
        return error;
    }

    public static string Describe(RpcException error) => $"status {error.StatusCode} ({(int)error.StatusCode}): {error.Status.Detail}";
}
