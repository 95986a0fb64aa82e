using FastScale.Engine.Policy;
using FastScale.Grpc.Transport;
using FastScale.Serve;
using FastScale.Testing.Cloud;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FastScale.Tests.Serve;

/// <summary>
/// Who hears SIGTERM: <c>serve</c>'s host does (it is the process), a burst's in-process provider must not, or the
/// console lifetime answers the signal by stopping that provider alone and the burst runs on, deaf to it.
/// </summary>
public sealed class ProcessSignalsTests
{
    [Theory]
    [InlineData(true, "ConsoleLifetime")]
    [InlineData(false, "EmbeddedHostLifetime")]
    public async Task ProviderHost_HearsProcessSignals_OnlyWhenItOwnsThem(bool owns, string lifetime)
    {
        await using var app = ProviderApp.Build(new ServeSettings
        {
            Policy = EmbeddedPolicy.Load().Policy!,
            Grpc = new GrpcListenOptions { Listen = "127.0.0.1:0" },
            Cloud = InMemoryCloud.Factory(new InMemoryCloudOptions { ProvisionDelay = TimeSpan.Zero }),
            OwnsProcessSignals = owns,
        });

        Assert.Equal(lifetime, app.Services.GetRequiredService<IHostLifetime>().GetType().Name);
    }
}
