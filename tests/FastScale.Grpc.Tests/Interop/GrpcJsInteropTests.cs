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
    private const string Refused = "tls-connection-refused";

    [Fact]
    public async Task GrpcJsClient_OverH2c_PassesEveryCheck()
    {
        var node = InteropPeers.RequireGrpcJs();
        await using var server = await InteropServer.StartH2cAsync();

        var result = await RunClientAsync(node, server.Address.ToString());

        PeerAssert.Passed(result, SharedChecks.CloudProvider);
    }

    [Fact]
    public async Task GrpcJsClient_OverMutualTls_PassesEveryCheck()
    {
        var node = InteropPeers.RequireGrpcJs();
        using var certificates = TestCertificates.Create();
        await using var server = await InteropServer.StartMutualTlsAsync(certificates);

        var result = await RunClientAsync(node, server.Address.ToString(),
            "--ca", certificates.CaFile, "--key", certificates.ClientKeyFile, "--cert", certificates.ClientCertFile);

        PeerAssert.Passed(result, SharedChecks.CloudProvider);
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
