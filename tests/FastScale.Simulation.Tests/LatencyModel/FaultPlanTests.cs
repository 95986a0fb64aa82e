using FastScale.Simulation.LatencyModel;

namespace FastScale.Simulation.Tests.LatencyModel;

public sealed class FaultPlanTests
{
    private static readonly string[] Ids = Enumerable.Range(0, 10_000).Select(i => $"i-test{i:x8}").ToArray();

    [Fact]
    public void NeverRegisters_SameSeedAndId_SameAnswerFromAnotherPlan()
    {
        var shares = new FaultShares { Seed = 11, NeverRegisters = 0.3 };

        var first = Ids.Select(new FaultPlan(shares).NeverRegisters).ToList();
        var second = Ids.Select(new FaultPlan(shares).NeverRegisters).ToList();

        Assert.Equal(first, second);
    }

    [Fact]
    public void NeverRegisters_Share_HitsAboutThatShare()
    {
        var plan = new FaultPlan(new FaultShares { Seed = 3, NeverRegisters = 0.1 });

        var hits = Ids.Count(plan.NeverRegisters);

        Assert.InRange(hits, 900, 1100);
    }

    [Fact]
    public void Decisions_OtherSeed_HitOtherInstances()
    {
        var a = new FaultPlan(new FaultShares { Seed = 1, NeverRunning = 0.5 });
        var b = new FaultPlan(new FaultShares { Seed = 2, NeverRunning = 0.5 });

        Assert.NotEqual(Ids.Select(a.NeverReachesRunning), Ids.Select(b.NeverReachesRunning));
    }

    [Fact]
    public void Decisions_ZeroAndOneShares_NeverAndAlways()
    {
        var none = new FaultPlan(FaultShares.None);
        var all = new FaultPlan(new FaultShares { NeverRunning = 1, TransientErrors = 1 });

        Assert.DoesNotContain(Ids, none.NeverReachesRunning);
        Assert.All(Ids, id => Assert.True(all.NeverReachesRunning(id)));
        Assert.True(all.FailsTransiently(42));
    }

    [Fact]
    public void NeverRunningAndNeverRegisters_AreIndependentDraws()
    {
        var plan = new FaultPlan(new FaultShares { Seed = 5, NeverRunning = 0.5, NeverRegisters = 0.5 });

        Assert.NotEqual(Ids.Select(plan.NeverReachesRunning), Ids.Select(plan.NeverRegisters));
    }

    [Fact]
    public void NeverRegistersImages_HitEveryInstanceOfThatImageOnly()
    {
        var plan = new FaultPlan(new FaultShares { NeverRegistersImages = ["m-broken"] });

        Assert.All(Ids, id => Assert.True(plan.NeverRegisters(id, "m-broken")));
        Assert.DoesNotContain(Ids, id => plan.NeverRegisters(id, "m-good"));
        Assert.DoesNotContain(Ids, id => plan.NeverRegisters(id, null));
    }
}
