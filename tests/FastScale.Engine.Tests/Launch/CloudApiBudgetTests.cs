using FastScale.Engine.Cloud;
using FastScale.Engine.Cloud.InMemory;
using FastScale.Engine.Launch;
using FastScale.Engine.Policy;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Engine.Tests.Launch;

public sealed class CloudApiBudgetTests
{
    private const string Run = PacingDefaults.RunInstances;

    [Fact]
    public void AcquireAsync_BeyondTheBurst_IsPacedToTheActionsQps()
    {
        var time = ClockDriver.NewYear();
        var budget = Budget(time, qps: 5, burst: 5);

        var permits = Enumerable.Range(0, 20).Select(_ => budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None)).ToList();
        var grantedAtStart = permits.Count(p => p.IsCompleted);
        var grantedPerSecond = new List<int>();
        for (var second = 0; second < 3; second++)
        {
            var before = permits.Count(p => p.IsCompleted);
            for (var step = 0; step < 100; step++)
            {
                time.Advance(TimeSpan.FromMilliseconds(10));
            }

            grantedPerSecond.Add(permits.Count(p => p.IsCompleted) - before);
        }

        Assert.Equal(5, grantedAtStart);
        Assert.Equal([5, 5, 5], grantedPerSecond);
    }

    [Fact]
    public void AcquireAsync_Waiters_AreServedHighestPriorityFirstThenInArrivalOrder()
    {
        var time = ClockDriver.NewYear();
        var budget = Budget(time, qps: 1, burst: 1);
        var order = new List<string>();
        _ = budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None);

        Track(ApiPriority.StatusPoll, "poll");
        Track(ApiPriority.WarmPoolRefill, "refill");
        Track(ApiPriority.Repair, "repair");
        Track(ApiPriority.ScaleOut, "burst-1");
        Track(ApiPriority.ScaleOut, "burst-2");
        for (var second = 0; second < 5; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(["burst-1", "burst-2", "repair", "refill", "poll"], order);

        void Track(ApiPriority priority, string name) =>
            budget.AcquireAsync(Run, priority, CancellationToken.None).ContinueWith(_ => order.Add(name), TaskContinuationOptions.ExecuteSynchronously);
    }

    [Fact]
    public void AcquireAsync_ScaleOutArrivingAfterAStatusPollWaiter_StillGoesFirst()
    {
        var time = ClockDriver.NewYear();
        var budget = Budget(time, qps: 2, burst: 1);
        _ = budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None);
        var poll = budget.AcquireAsync(Run, ApiPriority.StatusPoll, CancellationToken.None);

        time.Advance(TimeSpan.FromMilliseconds(499));
        var burst = budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.True(burst.IsCompletedSuccessfully);
        Assert.False(poll.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.True(poll.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Report_Throttled_PausesTheActionUntilTheNextMinuteThenProbesAtOnePerSecond()
    {
        var time = ClockDriver.NewYear();
        var budget = Budget(time, qps: 10, burst: 10);
        time.Advance(TimeSpan.FromSeconds(10));
        var throttled = await budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None);

        budget.Report(throttled, CloudFaults.Throttled());
        var first = budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None);
        var second = budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(49.9));
        Assert.False(first.IsCompleted);
        Assert.True(budget.IsPaused(Run));

        time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.True(first.IsCompletedSuccessfully);
        Assert.False(second.IsCompleted);
        Assert.True(budget.IsProbing(Run));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(second.IsCompletedSuccessfully);
        Assert.Equal(1, budget.Throttles);
    }

    [Fact]
    public async Task Report_SuccessfulProbes_RestoreTheFullRate()
    {
        var time = ClockDriver.NewYear();
        var budget = Budget(time, qps: 10, burst: 10);
        budget.Report(await budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None), CloudFaults.Throttled());
        time.Advance(TimeSpan.FromMinutes(1));

        for (var probe = 0; probe < 3; probe++)
        {
            var permit = await ClockDriver.CompleteAsync(time, budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None));
            budget.Report(permit, null);
        }

        Assert.False(budget.IsProbing(Run));
        time.Advance(TimeSpan.FromSeconds(1));
        var afterRecovery = Enumerable.Range(0, 10).Select(_ => budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None)).ToList();
        Assert.All(afterRecovery, p => Assert.True(p.IsCompletedSuccessfully));
    }

    [Fact]
    public async Task Report_ThrottledWithRetryAfter_PausesForThatLongInstead()
    {
        var time = ClockDriver.NewYear();
        var budget = Budget(time, qps: 10, burst: 10);
        time.Advance(TimeSpan.FromSeconds(10));
        budget.Report(await budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None), CloudFaults.Throttled(TimeSpan.FromSeconds(5)));

        var next = budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(next.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.True(next.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Report_CallsInFlightBeforeThePause_DoNotPauseTwice()
    {
        var time = ClockDriver.NewYear();
        var budget = Budget(time, qps: 10, burst: 10);
        var a = await budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None);
        var b = await budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None);

        budget.Report(a, CloudFaults.Throttled());
        time.Advance(TimeSpan.FromSeconds(59));
        budget.Report(b, CloudFaults.Throttled());
        var next = budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(next.IsCompletedSuccessfully);
        Assert.Equal(1, budget.Throttles);
    }

    [Fact]
    public async Task AcquireAsync_CancelledWaiter_GivesItsTurnToTheNext()
    {
        var time = ClockDriver.NewYear();
        var budget = Budget(time, qps: 1, burst: 1);
        await budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var cancelled = budget.AcquireAsync(Run, ApiPriority.ScaleOut, cancel.Token);
        var next = budget.AcquireAsync(Run, ApiPriority.Repair, CancellationToken.None);

        await cancel.CancelAsync();
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(cancelled.IsCanceled);
        Assert.True(next.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Buckets_AreSeparatePerAction()
    {
        var time = ClockDriver.NewYear();
        var budget = Budget(time, qps: 1, burst: 1);
        budget.Report(await budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None), CloudFaults.Throttled());

        Assert.True(budget.AcquireAsync(PacingDefaults.DescribeInstances, ApiPriority.StatusPoll, CancellationToken.None).IsCompletedSuccessfully);
    }

    [Fact]
    public async Task CallAsync_ThrottledAnswer_WaitsForTheNextMinuteAndCallsAgain()
    {
        var time = ClockDriver.NewYear();
        time.Advance(TimeSpan.FromSeconds(30));
        var cloud = new InMemoryCloud(new InMemoryCloudOptions(), time);
        cloud.InjectError(Run, CloudFaults.Throttled());
        var budget = Budget(time, qps: 10, burst: 10);
        var request = new LaunchRequest("c", "g", "tok", "img", "t", "z", "v", "sg", 3, 1);

        var result = await ClockDriver.CompleteAsync(time, budget.CallAsync(Run, ApiPriority.ScaleOut, ct => cloud.LaunchAsync(request, ct), CancellationToken.None));

        Assert.Equal(3, result.Value!.Count);
        Assert.Equal(
            [new DateTimeOffset(2026, 1, 1, 0, 0, 30, TimeSpan.Zero), new DateTimeOffset(2026, 1, 1, 0, 1, 0, TimeSpan.Zero)],
            cloud.Calls.Select(c => c.At));
    }

    internal static CloudApiBudget Budget(FakeTimeProvider time, double qps, int burst)
    {
        var policy = new ScalePolicy();
        foreach (var action in PacingDefaults.Actions)
        {
            policy.Pacing[action] = new ActionPacing { Qps = qps, Burst = burst };
        }

        return new CloudApiBudget(policy, new CloudApiBudgetOptions(), time, NullLogger<CloudApiBudget>.Instance);
    }
}
