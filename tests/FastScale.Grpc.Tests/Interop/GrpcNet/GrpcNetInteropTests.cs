using Grpc.Core;
using Grpc.Net.Client;
using Xunit.Abstractions;

using FastScale.Grpc.Protos;

namespace FastScale.Grpc.Tests.Interop.GrpcNet;

/// <summary>
/// Grpc.Net.Client (with the stub Grpc.Tools generates from protos/) against the provider, the third client beside
/// grpc-js and grpcio: the shared list of checks over h2c and over mTLS, the checks only this client makes, the mTLS
/// listener's refusals, and a sequential latency measurement that is printed, never asserted.
/// </summary>
[Collection(InteropCollection.Name)]
public sealed class GrpcNetInteropTests(ITestOutputHelper output)
{
    private static readonly IReadOnlyList<string> AllChecks = [.. SharedChecks.CloudProvider, .. GrpcNetCheckSuite.StricterChecks];

    [Fact]
    public async Task GrpcNetClient_OverH2c_PassesEveryCheck()
    {
        await using var server = await InteropServer.StartH2cAsync();

        var passed = await GrpcNetCheckSuite.RunAsync(GrpcNetPeer.H2c(server.Address), output);

        Assert.Equal(AllChecks, passed);
    }

    [Fact]
    public async Task GrpcNetClient_OverMutualTls_PassesEveryCheck()
    {
        using var certificates = TestCertificates.Create();
        await using var server = await InteropServer.StartMutualTlsAsync(certificates);
        var peer = GrpcNetPeer.Tls(server.Address, certificates.CaFile, certificates.ClientCertFile, certificates.ClientKeyFile);

        var passed = await GrpcNetCheckSuite.RunAsync(peer, output);

        Assert.Equal(AllChecks, passed);
    }

    [Fact]
    public async Task GrpcNetClient_TlsWithoutClientCertificate_IsRefused()
    {
        using var certificates = TestCertificates.Create();
        await using var server = await InteropServer.StartMutualTlsAsync(certificates);
        using var channel = GrpcNetPeer.Tls(server.Address, certificates.CaFile).Channel();

        await AssertRefusedAsync(channel);
    }

    [Fact]
    public async Task GrpcNetClient_ClientCertificateFromAnotherCa_IsRefused()
    {
        using var certificates = TestCertificates.Create();
        await using var server = await InteropServer.StartMutualTlsAsync(certificates);
        using var channel = GrpcNetPeer.Tls(server.Address, certificates.CaFile, certificates.StrangerCertFile, certificates.StrangerKeyFile).Channel();

        await AssertRefusedAsync(channel);
    }

    [Fact]
    public async Task GrpcNetClient_2000SequentialTargetSizeCalls_AllSucceedAndLatencyIsPrinted()
    {
        await using var server = await InteropServer.StartH2cAsync();
        var peer = GrpcNetPeer.H2c(server.Address);
        await GrpcNetCheckSuite.RunAsync(peer, output); // a warmed-up server and client, 1000 instances in 'general'
        using var channel = peer.Channel();
        var calls = new ProviderCalls(channel.CreateCallInvoker(), TimeProvider.System);
        for (var i = 0; i < 100; i++)
        {
            await calls.TargetSizeAsync("general"); // this channel's connection and the JIT warm, outside the measurement
        }

        var request = new NodeGroupTargetSizeRequest { Id = "general" };
        async Task TargetSize() => Assert.Equal(1000, (await calls.Client.NodeGroupTargetSizeAsync(request, calls.Options())).TargetSize);

        var summary = await SequentialLatency.MeasureAsync(2000, TargetSize, TimeProvider.System);

        output.WriteLine($"Grpc.Net.Client over h2c, NodeGroupTargetSize: {summary}");
        Assert.Equal(2000, summary.Calls);
        Assert.True(summary.Failures == 0, $"{summary}; first failure: {summary.FirstFailure}");
    }

    /// <summary>
    /// The server refuses the TLS connection: the call fails fast, without an answer or a hang. Which status the client
    /// reports depends on when the refusal reaches it: during the handshake it is UNAVAILABLE; under TLS 1.3 the server
    /// checks the client certificate after the client has finished its half, and Grpc.Net.Client then reports INTERNAL
    /// "Error starting gRPC call" with the HttpRequestException of a connection that never spoke HTTP/2 (seen in CI).
    /// </summary>
    private async Task AssertRefusedAsync(GrpcChannel channel)
    {
        var calls = new ProviderCalls(channel.CreateCallInvoker(), TimeProvider.System);

        var error = await ProviderCalls.ExpectErrorAsync(calls.Client.NodeGroupsAsync(new NodeGroupsRequest(), calls.Options()).ResponseAsync);

        output.WriteLine($"ok tls-connection-refused ({ProviderCalls.Describe(error)})");
        if (error.StatusCode != StatusCode.Unavailable)
        {
            Assert.Equal(StatusCode.Internal, error.StatusCode);
            Assert.Contains("Error starting gRPC call", error.Status.Detail, StringComparison.Ordinal);
            Assert.Contains("HttpRequestException", error.Status.Detail, StringComparison.Ordinal);
        }
    }
}
