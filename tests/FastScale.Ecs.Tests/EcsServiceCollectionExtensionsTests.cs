using FastScale.Ecs.Client;
using FastScale.Ecs.Credentials;
using FastScale.Engine.Cloud;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Ecs.Tests;

public sealed class EcsServiceCollectionExtensionsTests
{
    [Fact]
    public void AddEcsCloud_EmulatorEndpoint_ResolvesOneEcsCloudAsICloud()
    {
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(new FakeTimeProvider());
        services.AddEcsCloud(
            new EcsClientOptions { RegionId = "cn-hangzhou", Endpoint = "127.0.0.1:18080" },
            new EcsCredentials("fastscale-emulator", "fastscale-emulator-secret"));
        using var provider = services.BuildServiceProvider();

        var cloud = provider.GetRequiredService<ICloud>();

        Assert.Same(provider.GetRequiredService<EcsCloud>(), cloud);
        Assert.Equal(new Uri("http://127.0.0.1:18080/"), provider.GetRequiredService<EcsClient>().Endpoint);
    }

    [Fact]
    public void AddEcsCloud_InvalidOptions_ThrowsListingProblems()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddEcsCloud(
            new EcsClientOptions { RegionId = "", PageSize = 1 }, new EcsCredentials("id", "secret")));

        Assert.Contains("RegionId", ex.Message, StringComparison.Ordinal);
        Assert.Contains("PageSize", ex.Message, StringComparison.Ordinal);
    }
}
