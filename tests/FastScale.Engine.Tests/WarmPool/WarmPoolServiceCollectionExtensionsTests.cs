using FastScale.Engine.Cloud;
using FastScale.Engine.Launch;
using FastScale.Engine.NodeGroups;
using FastScale.Engine.Policy;
using FastScale.Engine.WarmPool;
using FastScale.Testing.Cloud;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Engine.Tests.WarmPool;

public sealed class WarmPoolServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddWarmPools_ReconcilerFromTheContainer_FillsThePool()
    {
        var time = new FakeTimeProvider(WarmPoolHarness.Start);
        using var provider = Services(time).AddWarmPools().BuildServiceProvider();
        var reconciler = Assert.IsType<NodeGroupReconciler>(Assert.Single(provider.GetServices<IHostedService>()));
        var pools = provider.GetRequiredService<WarmPoolManager>();

        await reconciler.RecoverAsync(CancellationToken.None);
        for (var step = 0; step < 100 && pools.Status("g1")!.Ready < 2; step++)
        {
            reconciler.Pass.RunOnce(CancellationToken.None);
            time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Yield();
        }

        Assert.Equal(2, pools.Status("g1")!.Ready);
    }

    [Fact]
    public void AddWarmPools_Omitted_ReconcilerStillResolves()
    {
        using var provider = Services(new FakeTimeProvider()).BuildServiceProvider();

        Assert.IsType<NodeGroupReconciler>(Assert.Single(provider.GetServices<IHostedService>()));
        Assert.Null(provider.GetService<WarmPoolManager>());
    }

    [Fact]
    public void AddWarmPools_InvalidOptions_ListsEveryProblem()
    {
        var error = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddWarmPools(
            new WarmPoolOptions { PollInterval = TimeSpan.Zero, WarmUpDuration = TimeSpan.FromSeconds(-1) }));

        Assert.Contains("PollInterval", error.Message, StringComparison.Ordinal);
        Assert.Contains("WarmUpDuration", error.Message, StringComparison.Ordinal);
    }

    private static ServiceCollection Services(FakeTimeProvider time)
    {
        var policy = WarmPoolHarness.Policy(poolSize: 2);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton(policy);
        services.AddSingleton(new NodeGroupRegistry(policy));
        services.AddSingleton<ScaleSignal>();
        services.AddSingleton(new ReconcilerOptions());
        services.AddSingleton<ICloud>(new InMemoryCloud(new InMemoryCloudOptions(), time));
        services.AddLauncher();
        services.AddHostedService<NodeGroupReconciler>();
        return services;
    }
}
