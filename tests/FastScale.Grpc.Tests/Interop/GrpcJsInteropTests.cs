using Xunit.Abstractions;

using FastScale.Testing;

namespace FastScale.Grpc.Tests.Interop;

/// <summary>
/// @grpc/grpc-js (tests/interop/grpc/client.mjs) against the provider: every RPC, its error statuses, deadlines,
/// and the mTLS listener's refusal of clients without a certificate from the configured CA.
/// </summary>
[Collection(InteropCollection.Name)]
public sealed class GrpcJsInteropTests(ITestOutputHelper output)
{
    /// <summary>Every check client.mjs makes against a fresh server; a check dropped from the script fails here.</summary>
    private static readonly string[] AllChecks =
    [
        "ready", "NodeGroups", "GPULabel", "GetAvailableGPUTypes", "Refresh", "Cleanup",
        "NodeGroupTemplateNodeInfo.general",
        "NodeGroupTemplateNodeInfo.gpu-taint-and-gpu-capacity",
        "NodeGroupTemplateNodeInfo.unknown-group-NOT_FOUND",
        "NodeGroupGetOptions.deprecated-defaults-answered-in-both-generations",
        "NodeGroupGetOptions.policy-overrides-defaults",
        "NodeGroupGetOptions.new-defaults-answered-in-both-generations",
        "NodeGroupGetOptions.no-defaults-all-fields-set",
        "NodeGroupGetOptions.unknown-group-NOT_FOUND",
        "NodeGroupTargetSize.fresh-server-is-zero",
        "NodeGroupTargetSize.unknown-group-NOT_FOUND",
        "NodeGroupIncreaseSize.delta-0-INVALID_ARGUMENT",
        "NodeGroupIncreaseSize.negative-delta-INVALID_ARGUMENT",
        "NodeGroupIncreaseSize.unknown-group-NOT_FOUND",
        "NodeGroupIncreaseSize.beyond-max-FAILED_PRECONDITION-target-unchanged",
        "NodeGroupIncreaseSize.delta-1",
        "NodeGroupNodes.launched-instance-running",
        "NodeGroupNodes.unknown-group-NOT_FOUND",
        "NodeGroupForNode.providerID",
        "NodeGroupForNode.alicloud-scheme",
        "NodeGroupForNode.bare-instance-id-unregistered",
        "NodeGroupForNode.unknown-node-empty-id",
        "NodeGroupForNode.empty-node-empty-id",
        "PricingNodePrice.one-hour",
        "PricingNodePrice.unknown-node-NOT_FOUND",
        "PricingPodPrice.half-a-general-node",
        "PricingPodPrice.pod-fits-no-group-UNIMPLEMENTED",
        "PricingPodPrice.garbage-bytes-INVALID_ARGUMENT",
        "NodeGroupDeleteNodes.node-of-another-group-refused-nothing-deleted",
        "NodeGroupDeleteNodes.one-stranger-refuses-all",
        "NodeGroupDeleteNodes.unknown-group-NOT_FOUND",
        "NodeGroupDecreaseTargetSize.delta-0-INVALID_ARGUMENT",
        "NodeGroupDecreaseTargetSize.positive-delta-INVALID_ARGUMENT",
        "NodeGroupDecreaseTargetSize.unknown-group-NOT_FOUND",
        "NodeGroupDecreaseTargetSize.below-existing-FAILED_PRECONDITION-target-unchanged",
        "NodeGroupDecreaseTargetSize.unfulfilled-slots",
        "NodeGroupDeleteNodes.own-instance",
        "NodeGroupIncreaseSize.delta-1000-to-max",
        "NodeGroupIncreaseSize.at-max-FAILED_PRECONDITION-target-unchanged",
        "NodeGroupNodes.1000-instances",
        "unknown-method-UNIMPLEMENTED",
        "unknown-service-UNIMPLEMENTED",
        "status-message-utf8-round-trip",
        "oversized-request-RESOURCE_EXHAUSTED",
        "large-request-under-limit-read-whole",
        "compressed-request-UNIMPLEMENTED",
        "concurrent-200-calls",
        "deadline-1ms-does-not-hang",
    ];

    private const string Refused = "tls-connection-refused";

    [Fact]
    public async Task GrpcJsClient_OverH2c_PassesEveryCheck()
    {
        var node = InteropPeers.RequireGrpcJs();
        await using var server = await InteropServer.StartH2cAsync();

        var result = await RunClientAsync(node, server.Address.ToString());

        PeerAssert.Passed(result, AllChecks);
    }

    [Fact]
    public async Task GrpcJsClient_OverMutualTls_PassesEveryCheck()
    {
        var node = InteropPeers.RequireGrpcJs();
        using var certificates = TestCertificates.Create();
        await using var server = await InteropServer.StartMutualTlsAsync(certificates);

        var result = await RunClientAsync(node, server.Address.ToString(),
            "--ca", certificates.CaFile, "--key", certificates.ClientKeyFile, "--cert", certificates.ClientCertFile);

        PeerAssert.Passed(result, AllChecks);
    }

    [Fact]
    public async Task GrpcJsClient_TlsWithoutClientCertificate_IsRefused()
    {
        var node = InteropPeers.RequireGrpcJs();
        using var certificates = TestCertificates.Create();
        await using var server = await InteropServer.StartMutualTlsAsync(certificates);

        var result = await RunClientAsync(node, server.Address.ToString(), "--ca", certificates.CaFile, "--expect-refused");

        PeerAssert.Passed(result, [Refused]);
    }

    [Fact]
    public async Task GrpcJsClient_ClientCertificateFromAnotherCa_IsRefused()
    {
        var node = InteropPeers.RequireGrpcJs();
        using var certificates = TestCertificates.Create();
        await using var server = await InteropServer.StartMutualTlsAsync(certificates);

        var result = await RunClientAsync(node, server.Address.ToString(),
            "--ca", certificates.CaFile, "--key", certificates.StrangerKeyFile, "--cert", certificates.StrangerCertFile, "--expect-refused");

        PeerAssert.Passed(result, [Refused]);
    }

    private async Task<ProcessResult> RunClientAsync(string node, params string[] arguments)
    {
        var result = await ExternalProcess.RunAsync(node, ["client.mjs", .. arguments], InteropPeers.GrpcJsDirectory);
        output.WriteLine(result.Describe());
        return result;
    }
}
