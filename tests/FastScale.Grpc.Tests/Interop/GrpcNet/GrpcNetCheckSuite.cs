using Grpc.Net.Client;
using Xunit.Abstractions;

namespace FastScale.Grpc.Tests.Interop.GrpcNet;

/// <summary>
/// Every check, in client.mjs's order, through one Grpc.Net.Client channel against a freshly started server; then the
/// checks only this client makes. Returns the names of the passed checks.
/// </summary>
internal static class GrpcNetCheckSuite
{
    /// <summary>Checks beyond the shared list: the exact 4 MiB edge, and the server's own reading of grpc-timeout.</summary>
    public static readonly IReadOnlyList<string> StricterChecks =
    [
        "message-of-exactly-4MiB-read-whole",
        "message-of-4MiB-plus-1-RESOURCE_EXHAUSTED",
        "refusal-quoting-a-300KB-name-still-reaches-the-client",
        "deadline-passed-on-arrival-server-answers-DEADLINE_EXCEEDED",
        "malformed-grpc-timeout-INTERNAL",
    ];

    public static async Task<IReadOnlyList<string>> RunAsync(GrpcNetPeer peer, ITestOutputHelper output)
    {
        using var channel = peer.Channel();
        var checks = new CheckRunner(output);
        var calls = new ProviderCalls(channel.CreateCallInvoker(), TimeProvider.System);
        var region = await new DescriptionChecks(checks, calls).RunAsync();
        var fleet = await new ScalingChecks(checks, calls).RunAsync(region);
        var transport = new TransportChecks(checks, calls, peer);
        await transport.RunAsync(region, fleet);
        await transport.RunStricterAsync(region, fleet);
        return checks.Passed;
    }
}
