using FastScale.Engine.Policy;
using FastScale.Engine.Tests.Repair;
using FastScale.Engine.WarmPool;
using FastScale.Testing.Cloud;

namespace FastScale.Engine.Tests.WarmPool;

/// <summary>
/// Economical mode is read back, not assumed: ECS stops an instance that does not qualify in standard mode whatever the
/// call asked for, and such a pool instance costs the running price while it waits.
/// </summary>
public sealed class WarmPoolStoppedModeTests
{
    private const int LogKeepsCharging = 1412;

    [Fact]
    public async Task Fill_WhereEconomicalModeIsGranted_CountsNoneKeptCharging_AndLogsNothing()
    {
        var logger = new ListLogger<WarmPoolManager>();
        var h = await WarmPoolHarness.RecoveredAsync(WarmPoolHarness.Policy(poolSize: 4), logger: logger);

        await h.FillAsync();

        Assert.Equal((4, 0), (h.Pool.Ready, h.Pool.KeepCharging));
        Assert.Empty(logger.WithId(LogKeepsCharging));
    }

    [Fact]
    public async Task Fill_WhereEconomicalModeIsRefused_CountsEveryInstanceKeptCharging_AndLogsEachOnce()
    {
        var logger = new ListLogger<WarmPoolManager>();
        var h = await WarmPoolHarness.RecoveredAsync(WarmPoolHarness.Policy(poolSize: 4),
            cloudOptions: new InMemoryCloudOptions { ProvisionDelay = TimeSpan.Zero, EconomicalModeUnavailable = true }, logger: logger);

        await h.FillAsync();
        await h.RunForAsync(TimeSpan.FromMinutes(2));

        Assert.Equal((4, 4), (h.Pool.Ready, h.Pool.KeepCharging));
        var lines = logger.WithId(LogKeepsCharging);
        Assert.Equal(4, lines.Count);
        Assert.Equal(h.WarmPools.WarmInstanceIds().Order(), lines.Select(l => l.Split(' ')[5]).Order());
        Assert.All(lines, l => Assert.Contains("KeepCharging", l));
    }

    [Fact]
    public async Task Restart_RecoversWhichInstancesKeepCharging_AndSaysSoOnce()
    {
        var policy = WarmPoolHarness.Policy(poolSize: 3);
        var cloudOptions = new InMemoryCloudOptions { ProvisionDelay = TimeSpan.Zero, EconomicalModeUnavailable = true };
        var first = await WarmPoolHarness.RecoveredAsync(policy, cloudOptions: cloudOptions);
        await first.FillAsync();

        var logger = new ListLogger<WarmPoolManager>();
        var restarted = await WarmPoolHarness.RecoveredAsync(policy, first.Cloud, cloudOptions, first.Time, logger: logger);
        await restarted.RunForAsync(TimeSpan.FromMinutes(1));

        Assert.Equal((3, 3), (restarted.Pool.Ready, restarted.Pool.KeepCharging));
        Assert.Equal(3, logger.WithId(LogKeepsCharging).Count);
    }

    [Theory]
    [InlineData(0, 0.05)] // 4 × stopped price
    [InlineData(4, 2.0)] // 4 × running price
    [InlineData(1, 0.5375)] // 3 × 0.0125 + 1 × 0.5
    public void IdleCost_PricesKeptChargingInstancesAtTheRunningPrice(int keepCharging, double expected)
    {
        var status = new WarmPoolStatus("g1", 4, 0, 0, 0, Ready: 4, 0, 0, 0, keepCharging);

        var cost = WarmPoolMetrics.IdleCostPerHour(status, new PricePolicy { NodePerHour = 0.5, StoppedPerHour = 0.0125 });

        Assert.Equal(expected, cost!.Value, 9);
        Assert.Null(WarmPoolMetrics.IdleCostPerHour(status, prices: null));
    }
}
