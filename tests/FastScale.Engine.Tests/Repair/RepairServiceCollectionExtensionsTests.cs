using FastScale.Engine.Cloud;
using FastScale.Engine.Launch;
using FastScale.Engine.NodeGroups;
using FastScale.Engine.Policy;
using FastScale.Engine.Repair;
using FastScale.Testing.Cloud;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FastScale.Engine.Tests.Repair;

public sealed class RepairServiceCollectionExtensionsTests
{
    [Fact]
    public void AddRepair_HostsTheRepairer_AndShareTheLaunchBatchSequenceWithTheReconciler()
    {
        var policy = TestPolicies.OneGroup();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton(policy)
            .AddSingleton(new NodeGroupRegistry(policy))
            .AddSingleton<ScaleSignal>()
            .AddSingleton(new ReconcilerOptions())
            .AddSingleton(new InMemoryCloudOptions())
            .AddSingleton<ICloud, InMemoryCloud>()
            .AddSingleton<INodeHealthSource, FakeNodeHealthSource>()
            .AddSingleton<NodeGroupReconciler>()
            .AddLauncher()
            .AddRepair();
        using var provider = services.BuildServiceProvider();

        var repairer = provider.GetRequiredService<Repairer>();

        Assert.Same(repairer, provider.GetServices<IHostedService>().OfType<Repairer>().Single());
        Assert.Same(provider.GetRequiredService<LaunchBatchSequence>(), provider.GetRequiredService<NodeGroupReconciler>().LaunchBatches);
        Assert.IsType<NoWarmInstances>(provider.GetRequiredService<IWarmInstances>());
    }

    [Fact]
    public void AddRepair_InvalidOptions_ReportsEveryProblem()
    {
        var error = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddRepair(
            new RepairOptions { CheckInterval = TimeSpan.Zero, CloudCheckInterval = TimeSpan.FromSeconds(-1) }));

        Assert.Contains("CheckInterval must be positive", error.Message, StringComparison.Ordinal);
        Assert.Contains("CloudCheckInterval must be positive", error.Message, StringComparison.Ordinal);
    }
}
