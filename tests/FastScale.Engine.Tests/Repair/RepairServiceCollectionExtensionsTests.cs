using FastScale.Engine;
using FastScale.Engine.Cloud;
using FastScale.Engine.Controllers;
using FastScale.Engine.Demand;
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
    public async Task AddRepair_HostsTheRepairer_AndShareTheLaunchBatchSequenceWithTheReconciler()
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

        Assert.Same(repairer, provider.GetServices<IHostedService>().OfType<ControllerService>().Single().Controller);
        Assert.IsType<NoWarmInstances>(provider.GetRequiredService<IWarmInstances>());

        // One sequence for every launcher, so ClientTokens never collide: numbers repair drew are not drawn again by the
        // reconciler's next batch.
        var sequence = provider.GetRequiredService<LaunchBatchSequence>();
        sequence.Next("g1");
        var drawnByRepair = sequence.Next("g1");
        var reconciler = provider.GetRequiredService<NodeGroupReconciler>();
        await reconciler.RecoverAsync(CancellationToken.None);
        var group = provider.GetRequiredService<NodeGroupRegistry>().Find("g1")!;
        Assert.Null(group.IncreaseSize(1));
        reconciler.Pass.RunOnce(CancellationToken.None);
        var start = TimeProvider.System.GetTimestamp();
        while (group.Instances.Count == 0 && TimeProvider.System.GetElapsedTime(start) < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System);
        }

        Assert.True(Assert.Single(group.Instances).LaunchBatch > drawnByRepair);
    }

    [Fact]
    public void AddRepair_AfterAnotherController_OnTheEngineComposition_HostsBoth()
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton(new InMemoryCloudOptions())
            .AddSingleton<ICloud, InMemoryCloud>()
            .AddSingleton<INodeHealthSource, FakeNodeHealthSource>()
            .AddSingleton<IPendingPodSource, Tests.Demand.FakePendingPodSource>();
        services.AddFastScaleEngine(TestPolicies.OneGroup());
        services.AddDemand().AddRepair();
        using var provider = services.BuildServiceProvider();

        var hosted = provider.GetServices<IHostedService>().OfType<ControllerService>().Select(s => s.Controller.Name).Order();

        Assert.Equal(["demand", "repair"], hosted);
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
