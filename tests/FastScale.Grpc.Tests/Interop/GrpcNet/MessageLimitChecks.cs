using Grpc.Core;

using FastScale.Grpc.Protos;
using FastScale.Grpc.Transport;

namespace FastScale.Grpc.Tests.Interop.GrpcNet;

/// <summary>
/// The server's 4 MiB request limit (GrpcTransportOptions.MaxReceiveMessageSize): client.mjs's two checks (about 5.5 MB
/// refused, about 4.0 MB read whole) and, only here, the exact edge: a message of exactly 4 MiB is read to its end and
/// one of 4 MiB + 1 byte is refused with RESOURCE_EXHAUSTED. The requests are NodeGroupDeleteNodes calls that the
/// server must refuse anyway, so no size check can delete a node.
/// </summary>
internal sealed class MessageLimitChecks(CheckRunner checks, ProviderCalls calls)
{
    /// <summary>gRPC's usual limit, which the provider keeps by default.</summary>
    public const int Limit = 4 * 1024 * 1024;

    private const string Marker = "last-node-marker";

    public async Task RunSharedAsync(string region, IReadOnlyList<Instance> fleet)
    {
        await checks.RunAsync("oversized-request-RESOURCE_EXHAUSTED", async () =>
        {
            var request = new NodeGroupDeleteNodesRequest { Id = "general" };
            request.Nodes.Add(Enumerable.Range(0, 60_000).Select(i =>
                ProviderCalls.Node($"{region}.i-notours{i:D8}", $"node-{new string('x', 40)}{i}")));
            Assert.True(request.CalculateSize() > Limit + 512 * 1024, $"only {request.CalculateSize()} bytes");
            var error = await ExpectRefusedAsync(request);
            checks.Note($"{request.CalculateSize()} bytes: {error.Status.Detail}");
        });
        await checks.RunAsync("large-request-under-limit-read-whole", async () =>
        {
            // ~4.0 MB (client.mjs's comment says ~3 MB; the same 40 copies of the fleet come to this): many HTTP/2 DATA
            // frames and flow-control window updates. Every node but the last is ours, so the refusal can only name the
            // last one if the server read the request to its end; and nothing may be deleted.
            var request = OursThenMarker(region, fleet, copies: 40);
            Assert.InRange(request.CalculateSize(), 3_500_000, Limit - 1);
            await ExpectReadWholeAsync(request);
            checks.Note($"{request.CalculateSize()} bytes");
        });
    }

    public async Task RunExactAsync(string region, IReadOnlyList<Instance> fleet)
    {
        await checks.RunAsync("message-of-exactly-4MiB-read-whole", async () =>
        {
            var request = SizedTo(Limit, region, fleet);
            await ExpectReadWholeAsync(request);
            checks.Note($"{request.CalculateSize()} bytes");
        });
        await checks.RunAsync("message-of-4MiB-plus-1-RESOURCE_EXHAUSTED", async () =>
        {
            var request = SizedTo(Limit + 1, region, fleet);
            var error = await ExpectRefusedAsync(request);
            checks.Note($"{request.CalculateSize()} bytes: {error.Status.Detail}");
        });
        await checks.RunAsync("refusal-quoting-a-300KB-name-still-reaches-the-client", async () =>
        {
            // The refusal quotes the stranger's name; whole, it would not fit in the client's 64 KiB of response headers
            // and the call would fail as INTERNAL, hiding the reason.
            var request = new NodeGroupDeleteNodesRequest { Id = "general" };
            request.Nodes.Add(ProviderCalls.Node($"{region}.i-hugenamemarker", Marker + new string('q', 300_000)));
            var error = await ProviderCalls.ExpectCodeAsync(calls.Client.NodeGroupDeleteNodesAsync(request, calls.Options()).ResponseAsync,
                StatusCode.FailedPrecondition);
            Assert.Contains(Marker + "qqq", error.Status.Detail);
            Assert.InRange(error.Status.Detail.Length, 1, GrpcStatusMessage.MaxLength);
            Assert.Equal(1000, await calls.TargetSizeAsync("general"));
            checks.Note($"{error.Status.Detail.Length} characters");
        });
    }

    private async Task<RpcException> ExpectRefusedAsync(NodeGroupDeleteNodesRequest request)
    {
        var error = await ProviderCalls.ExpectCodeAsync(calls.Client.NodeGroupDeleteNodesAsync(request, calls.Options()).ResponseAsync,
            StatusCode.ResourceExhausted);
        Assert.Equal(1000, await calls.TargetSizeAsync("general"));
        return error;
    }

    private async Task ExpectReadWholeAsync(NodeGroupDeleteNodesRequest request)
    {
        var error = await ProviderCalls.ExpectCodeAsync(calls.Client.NodeGroupDeleteNodesAsync(request, calls.Options()).ResponseAsync,
            StatusCode.FailedPrecondition);
        Assert.Contains(Marker, error.Status.Detail);
        Assert.Equal(1000, await calls.TargetSizeAsync("general"));
        var running = (await calls.NodesAsync("general")).Count(i => i.Status?.InstanceState == InstanceStatus.Types.InstanceState.InstanceRunning);
        Assert.Equal(1000, running);
    }

    /// <summary>
    /// Our nodes, <paramref name="copies"/> times over, then one stranger whose name the refusal must quote. Padding
    /// goes into the name of one more of our nodes, never the stranger's: the refusal quotes the stranger's name, and a
    /// status message of hundreds of KiB would not fit in the client's 64 KiB limit for response headers.
    /// </summary>
    private static NodeGroupDeleteNodesRequest OursThenMarker(string region, IReadOnlyList<Instance> fleet, int copies, int padding = 0)
    {
        var request = new NodeGroupDeleteNodesRequest { Id = "general" };
        for (var copy = 0; copy < copies; copy++)
        {
            request.Nodes.Add(fleet.Select(i => ProviderCalls.Node(i.Id, $"node-{new string('x', 30)}-{i.Id}")));
        }

        if (padding > 0)
        {
            request.Nodes.Add(ProviderCalls.Node(fleet[0].Id, new string('p', padding)));
        }

        request.Nodes.Add(ProviderCalls.Node($"{region}.i-lastnodemarker", Marker));
        return request;
    }

    /// <summary>A request of exactly <paramref name="size"/> bytes: as many copies of the fleet as fit, then the marker padded to fill.</summary>
    private static NodeGroupDeleteNodesRequest SizedTo(int size, string region, IReadOnlyList<Instance> fleet)
    {
        var copies = 0;
        while (OursThenMarker(region, fleet, copies + 1).CalculateSize() < size - 64 * 1024)
        {
            copies++;
        }

        // Growing the name grows the message byte for byte, except where a length prefix gains a byte: adjust a few times.
        var padding = 1;
        for (var round = 0; round < 4; round++)
        {
            padding += size - OursThenMarker(region, fleet, copies, padding).CalculateSize();
        }

        var request = OursThenMarker(region, fleet, copies, padding);
        Assert.Equal(size, request.CalculateSize());
        return request;
    }
}
