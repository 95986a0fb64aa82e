using System.Globalization;
using FastScale.Kubernetes.LeaderElection;
using FastScale.Kubernetes.Tests.TestSupport;
using FastScale.Simulation.Cluster;

namespace FastScale.Kubernetes.Tests.AgainstSimulator;

public sealed class LeaderElectionAgainstSimulatorTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);

    [Fact]
    public async Task Elector_HolderStopsRenewing_OtherTakesOverOnlyAfterTheLeaseExpires()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var a = Elector(sim, "a", releaseOnCancel: false);
        var b = Elector(sim, "b", releaseOnCancel: false);
        using var stopA = new CancellationTokenSource();
        using var stopB = new CancellationTokenSource();
        var runA = a.RunAsync(stopA.Token);
        await sim.Time.AdvanceUntilAsync(() => a.IsLeader, Step);
        var runB = b.RunAsync(stopB.Token);
        await sim.Time.AdvanceUntilAsync(() => b.ObservedLeader == "a", Step);
        await sim.Time.AdvanceUntilAsync(() => Lease(sim).Transitions == 0 && Lease(sim).RenewTime > Lease(sim).AcquireTime, Step);
        Assert.False(b.IsLeader);

        // a stops renewing and does not release: b must wait out the lease.
        await stopA.CancelAsync();
        await runA.Within();
        var lastRenewal = Lease(sim).RenewTime;
        await sim.Time.AdvanceUntilAsync(() => b.IsLeader, Step);

        var lease = Lease(sim);
        Assert.Equal("b", lease.Holder);
        Assert.Equal(1, lease.Transitions);
        Assert.True(lease.AcquireTime >= lastRenewal + TimeSpan.FromSeconds(15), $"b took over at {lease.AcquireTime:O}, a last renewed at {lastRenewal:O}");
        await stopB.CancelAsync();
        await runB.Within();
    }

    [Fact]
    public async Task Elector_HolderShutsDown_ReleaseHandsOverAtTheNextRetry()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var a = Elector(sim, "a", releaseOnCancel: true);
        var b = Elector(sim, "b", releaseOnCancel: true);
        using var stopA = new CancellationTokenSource();
        using var stopB = new CancellationTokenSource();
        var runA = a.RunAsync(stopA.Token);
        await sim.Time.AdvanceUntilAsync(() => a.IsLeader, Step);
        var runB = b.RunAsync(stopB.Token);
        await sim.Time.AdvanceUntilAsync(() => b.ObservedLeader == "a", Step);

        await stopA.CancelAsync();
        await runA.Within();
        Assert.Null(Lease(sim).Holder);
        var handOver = await sim.Time.AdvanceUntilAsync(() => b.IsLeader, Step);

        Assert.True(handOver <= TimeSpan.FromSeconds(2 * 1.2) + Step, $"hand-over took {handOver} of fake time");
        Assert.Equal("b", Lease(sim).Holder);
        await stopB.CancelAsync();
        await runB.Within();
    }

    private static ILeaderElector Elector(SimulatorHarness sim, string identity, bool releaseOnCancel) =>
        LeaderElectorFactory.Create(
            sim.Client(),
            new LeaderElectionOptions { LeaseNamespace = "kube-system", LeaseName = "fastscale", Identity = identity, ReleaseOnCancel = releaseOnCancel },
            timeProvider: sim.Time,
            random: () => 0);

    private static (string? Holder, int? Transitions, DateTimeOffset AcquireTime, DateTimeOffset RenewTime) Lease(SimulatorHarness sim)
    {
        var spec = sim.Store.Get(ResourceKind.Leases, "kube-system", "fastscale").Object!["spec"]!;
        DateTimeOffset Time(string field) => DateTimeOffset.Parse((string)spec[field]!, CultureInfo.InvariantCulture);
        return ((string?)spec["holderIdentity"], (int?)spec["leaseTransitions"], Time("acquireTime"), Time("renewTime"));
    }
}
