using Xunit.Abstractions;

using FastScale.Testing;

namespace FastScale.Grpc.Tests.Interop;

/// <summary>Debian's python3-grpcio (tests/interop/python/client.py, stubs generated from protos/ at run time) against the provider.</summary>
[Collection(InteropCollection.Name)]
public sealed class PythonInteropTests(ITestOutputHelper output)
{
    private static readonly string[] AllChecks =
    [
        "ready", "NodeGroups", "NodeGroupTemplateNodeInfo",
        "NodeGroupGetOptions.deprecated-defaults-answered-in-both-generations",
        "NodeGroupTargetSize.unknown-group-NOT_FOUND",
        "NodeGroupIncreaseSize.delta-0-INVALID_ARGUMENT",
        "NodeGroupIncreaseSize.unknown-group-NOT_FOUND",
        "NodeGroupIncreaseSize.delta-1",
        "NodeGroupNodes.launched-instance",
        "NodeGroupForNode.providerID",
        "NodeGroupForNode.bare-instance-id",
        "NodeGroupForNode.unknown-node-empty-id",
        "NodeGroupNodes.unknown-group-NOT_FOUND",
    ];

    [Fact]
    public async Task PythonClient_OverH2c_PassesEveryCheck()
    {
        var python = await InteropPeers.RequirePythonGrpcAsync();
        await using var server = await InteropServer.StartH2cAsync();

        var result = await RunClientAsync(python, server.Address.ToString());

        PeerAssert.Passed(result, AllChecks);
    }

    [Fact]
    public async Task PythonClient_OverMutualTls_PassesEveryCheck()
    {
        var python = await InteropPeers.RequirePythonGrpcAsync();
        using var certificates = TestCertificates.Create();
        await using var server = await InteropServer.StartMutualTlsAsync(certificates);

        var result = await RunClientAsync(python, server.Address.ToString(),
            "--ca", certificates.CaFile, "--key", certificates.ClientKeyFile, "--cert", certificates.ClientCertFile);

        PeerAssert.Passed(result, AllChecks);
    }

    private async Task<ProcessResult> RunClientAsync(string python, params string[] arguments)
    {
        var result = await ExternalProcess.RunAsync(python, ["-B", "client.py", .. arguments], InteropPeers.PythonDirectory);
        output.WriteLine(result.Describe());
        return result;
    }
}
