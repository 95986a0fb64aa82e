using FastScale.Grpc.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FastScale.Grpc.Tests.Transport;

/// <summary>A real Kestrel h2c server on a free loopback port, serving whatever methods a test registers.</summary>
internal sealed class TestGrpcServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestGrpcServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<TestGrpcServer> StartAsync(Action<GrpcServiceRegistry> register, GrpcTransportOptions? options = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenGrpc(new GrpcListenOptions { Listen = "127.0.0.1:0" }));
        builder.Services.AddSingleton(options ?? new GrpcTransportOptions());
        builder.Services.AddGrpcTransport(register);
        var app = builder.Build();
        app.UseGrpcTransport();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestGrpcServer(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
