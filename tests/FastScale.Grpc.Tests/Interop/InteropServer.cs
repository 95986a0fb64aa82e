using FastScale.Grpc.Transport;
using FastScale.Serve;
using FastScale.Testing.Cloud;
using Microsoft.AspNetCore.Builder;

using FastScale.Testing;

namespace FastScale.Grpc.Tests.Interop;

/// <summary>
/// The real provider, in process, on a loopback port the OS chooses: the embedded policy over the in-memory cloud with
/// instances running as soon as they are created, so the peers see a fresh server that answers at once.
/// </summary>
internal sealed class InteropServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InteropServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>http://127.0.0.1:PORT for h2c, https://127.0.0.1:PORT for mTLS.</summary>
    public Uri Address { get; }

    public static Task<InteropServer> StartH2cAsync() => StartAsync(new GrpcListenOptions { Listen = "127.0.0.1:0" });

    public static Task<InteropServer> StartMutualTlsAsync(TestCertificates certificates) => StartAsync(new GrpcListenOptions
    {
        Listen = "127.0.0.1:0",
        KeyFile = certificates.ServerKeyFile,
        CertFile = certificates.ServerCertFile,
        CaFile = certificates.CaFile,
    });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task<InteropServer> StartAsync(GrpcListenOptions grpc)
    {
        var policy = EmbeddedPolicy.Load();
        Assert.True(policy.IsValid, string.Join(Environment.NewLine, policy.Problems));
        var app = ProviderApp.Build(new ServeSettings
        {
            Policy = policy.Policy!,
            Grpc = grpc,
            MetricsListen = null,
            Cloud = InMemoryCloud.Factory(new InMemoryCloudOptions { ProvisionDelay = TimeSpan.Zero }),
        });
        await app.StartAsync();
        return new InteropServer(app, ProviderApp.GrpcAddress(app));
    }
}
