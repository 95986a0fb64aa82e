using FastScale.Engine.Cloud;
using FastScale.Engine.Launch;
using FastScale.Engine.Policy;

namespace FastScale.Engine.Tests.Launch;

public sealed class CloudApiBudgetRepaceTests
{
    private const CloudAction Run = CloudAction.RunInstances;

    [Fact]
    public async Task Repace_AHigherRate_FreesWaitersAtOnce_AndAPermitInFlightStillReports()
    {
        var time = ClockDriver.NewYear();
        var budget = CloudApiBudgetTests.Budget(time, qps: 1, burst: 1);
        budget.Report(await budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None), null);
        var held = await ClockDriver.CompleteAsync(time, budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None));
        var waiting = Enumerable.Range(0, 4).Select(_ => budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None)).ToList();
        time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.All(waiting, w => Assert.False(w.IsCompleted));

        budget.Repace(Pacing(qps: 10, burst: 10));
        time.Advance(TimeSpan.FromMilliseconds(500));

        Assert.All(waiting, w => Assert.True(w.IsCompletedSuccessfully));
        Assert.Equal(10, budget.CurrentQps(Run));
        budget.Report(held, null);
        Assert.False(budget.IsProbing(Run));
    }

    [Fact]
    public async Task Repace_AfterAThrottle_KeepsTheLearntRateUnderTheNewCeiling()
    {
        var time = ClockDriver.NewYear();
        var budget = CloudApiBudgetTests.Budget(time, qps: 10, burst: 10);
        budget.Report(await budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None), new CloudError(CloudErrorKind.Throttled, "Throttling", "slow down"));
        var learnt = budget.CurrentQps(Run);
        Assert.True(learnt < 10);

        budget.Repace(Pacing(qps: 20, burst: 20));

        Assert.Equal(learnt, budget.CurrentQps(Run));
    }

    private static ScalePolicy Pacing(double qps, int burst)
    {
        var policy = new ScalePolicy();
        foreach (var action in CloudActions.All)
        {
            policy.Pacing[action] = new ActionPacing { Qps = qps, Burst = burst };
        }

        return policy;
    }
}
