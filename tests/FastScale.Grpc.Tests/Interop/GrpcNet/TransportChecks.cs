using Grpc.Core;

using FastScale.Grpc.Protos;
using CloudProviderClient = FastScale.Grpc.Protos.CloudProvider.CloudProviderClient;

namespace FastScale.Grpc.Tests.Interop.GrpcNet;

/// <summary>
/// What the transport itself must get right, seen through Grpc.Net.Client: unknown paths, status messages that are not
/// ASCII, the 4 MiB message limit, compressed requests, concurrency and deadlines. Runs against 'general' at 1000
/// running instances.
/// </summary>
internal sealed class TransportChecks(CheckRunner checks, ProviderCalls calls, GrpcNetPeer peer)
{
    private CloudProviderClient Client => calls.Client;

    public async Task RunAsync(string region, IReadOnlyList<Instance> fleet)
    {
        await checks.RunAsync("unknown-method-UNIMPLEMENTED", () =>
            ProviderCalls.ExpectCodeAsync(calls.RawAsync(ProviderCalls.Service, "NoSuchMethod", []), StatusCode.Unimplemented));
        await checks.RunAsync("unknown-service-UNIMPLEMENTED", () =>
            ProviderCalls.ExpectCodeAsync(calls.RawAsync("no.such.Service", "NodeGroups", []), StatusCode.Unimplemented));
        await checks.RunAsync("status-message-utf8-round-trip", async () =>
        {
            const string Id = "grüppe-%41-日本\n\"x\""; // non-ASCII, a literal %XX, a newline: all must survive grpc-message encoding
            var error = await ProviderCalls.ExpectCodeAsync(
                Client.NodeGroupTargetSizeAsync(new NodeGroupTargetSizeRequest { Id = Id }, calls.Options()).ResponseAsync, StatusCode.NotFound);
            Assert.Contains($"'{Id}'", error.Status.Detail);
        });

        await new MessageLimitChecks(checks, calls).RunSharedAsync(region, fleet);

        await checks.RunAsync("compressed-request-UNIMPLEMENTED", async () =>
        {
            // Grpc.Net.Client compresses a request with gzip when this call header names it (and sends grpc-encoding).
            var gzip = new Metadata { { "grpc-internal-encoding-request", "gzip" } };
            var error = await ProviderCalls.ExpectCodeAsync(
                Client.NodeGroupTargetSizeAsync(new NodeGroupTargetSizeRequest { Id = "general" }, calls.Options(headers: gzip)).ResponseAsync,
                StatusCode.Unimplemented);
            checks.Note(error.Status.Detail);
        });
        await checks.RunAsync("concurrent-200-calls", async () =>
        {
            var stranger = ProviderCalls.Node($"{region}.i-notours0000000", "x");
            var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
                i % 2 == 1 ? await calls.GroupForAsync(stranger) : (await calls.TargetSizeAsync("general")).ToString()));
            Assert.Equal(["", "1000"], answers.ToHashSet().Order());
        });
        await checks.RunAsync("deadline-1ms-does-not-hang", DeadlineOfOneMillisecondAsync);
    }

    /// <summary>Checks only this client makes: the exact message-size edge, and the server's own reading of grpc-timeout.</summary>
    public async Task RunStricterAsync(string region, IReadOnlyList<Instance> fleet)
    {
        await new MessageLimitChecks(checks, calls).RunExactAsync(region, fleet);
        await checks.RunAsync("deadline-passed-on-arrival-server-answers-DEADLINE_EXCEEDED", async () =>
        {
            // 1 ns: the deadline has passed when the server reads the header.
            var error = await WithServerTimeoutAsync("1n", StatusCode.DeadlineExceeded);
            Assert.Contains("deadline of 0 ms exceeded", error.Status.Detail); // the server's words, not the client's "Deadline Exceeded"
            checks.Note(error.Status.Detail);
        });
        await checks.RunAsync("malformed-grpc-timeout-INTERNAL", async () =>
        {
            // What the gRPC spec asks of a server that cannot parse the header.
            var error = await WithServerTimeoutAsync("soon", StatusCode.Internal);
            Assert.Contains("malformed grpc-timeout", error.Status.Detail);
        });
    }

    private async Task<RpcException> WithServerTimeoutAsync(string grpcTimeout, StatusCode expected)
    {
        using var channel = peer.Channel(transport => new GrpcTimeoutOverride(grpcTimeout, transport));
        var client = new CloudProviderClient(channel);
        var error = await ProviderCalls.ExpectCodeAsync(
            client.NodeGroupNodesAsync(new NodeGroupNodesRequest { Id = "general" }, calls.Options()).ResponseAsync, expected);
        Assert.Equal(1000, await calls.TargetSizeAsync("general"));
        return error;
    }

    private async Task DeadlineOfOneMillisecondAsync()
    {
        var started = calls.Time.GetTimestamp();
        string outcome;
        try
        {
            await Client.NodeGroupNodesAsync(new NodeGroupNodesRequest { Id = "general" }, calls.Options(TimeSpan.FromMilliseconds(1)));
            outcome = "answered within 1 ms";
        }
        catch (RpcException error)
        {
            Assert.True(error.StatusCode == StatusCode.DeadlineExceeded, ProviderCalls.Describe(error));
            outcome = "DEADLINE_EXCEEDED";
        }

        var elapsed = calls.Time.GetElapsedTime(started);
        checks.Note($"{outcome} after {elapsed.TotalMilliseconds:0.0} ms");
        Assert.True(elapsed < TimeSpan.FromSeconds(1), $"a 1 ms deadline took {elapsed.TotalMilliseconds:0} ms to settle");
        // The channel must still work after an abandoned call.
        Assert.Equal(1000, await calls.TargetSizeAsync("general"));
    }
}
