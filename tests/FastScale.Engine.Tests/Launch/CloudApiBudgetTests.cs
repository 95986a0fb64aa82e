using FastScale.Engine.Cloud;
using FastScale.Engine.Launch;
using FastScale.Engine.Policy;
using FastScale.Testing.Cloud;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Engine.Tests.Launch;

public sealed class CloudApiBudgetTests
{
    private const CloudAction Run = CloudAction.RunInstances;

    [Fact]
    public async Task AcquireAsync_AnActionsFirstCall_GoesAloneUntilItIsAnswered()
    {
        var time = ClockDriver.NewYear();
        var budget = Budget(time, qps: 10, burst: 10);

        var first = budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None);
        var others = Enumerable.Range(0, 9).Select(_ => budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None)).ToList();
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(first.IsCompletedSuccessfully);
        Assert.All(others, p => Assert.False(p.IsCompleted));

        budget.Report(await first, null);

        Assert.All(others, p => Assert.True(p.IsCompletedSuccessfully));
        Assert.False(budget.IsProbing(Run));
    }

    [Fact]
    public void AcquireAsync_BeyondTheBurst_IsPacedToTheActionsQps()
    {
        var time = ClockDriver.NewYear();
        var budget = Budget(time, qps: 5, burst: 5);

        var permits = Enumerable.Range(0, 20).Select(_ => AnsweredAtOnce(budget, ApiPriority.ScaleOut)).ToList();
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
    public async Task AcquireAsync_SlowAnswers_KeepTheirPlaceInTheWindowUntilOneSecondAfterTheAnswer()
    {
        var time = ClockDriver.NewYear();
        var budget = Budget(time, qps: 2, burst: 2);
        budget.Report(await budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None), null);
        var slow = await budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None);

        var third = budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None);
        var fourth = budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(third.IsCompletedSuccessfully);
        Assert.False(fourth.IsCompleted);

        // The slow call may have reached the server only now: one second must pass before the next call goes.
        time.Advance(TimeSpan.FromSeconds(2));
        budget.Report(slow, null);
        budget.Report(await third, null);
        time.Advance(TimeSpan.FromSeconds(0.999));
        Assert.False(fourth.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(0.001));
        Assert.True(fourth.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task AcquireAsync_Waiters_AreServedHighestPriorityFirstThenInArrivalOrder()
    {
        var time = ClockDriver.NewYear();
        var budget = Budget(time, qps: 1, burst: 1);
        var order = new List<string>();
        var first = await budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None);

        Track(ApiPriority.StatusPoll, "poll");
        Track(ApiPriority.WarmPoolRefill, "refill");
        Track(ApiPriority.Repair, "repair");
        Track(ApiPriority.ScaleOut, "burst-1");
        Track(ApiPriority.ScaleOut, "burst-2");
        budget.Report(first, null);
        for (var second = 0; second < 6; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(["burst-1", "burst-2", "repair", "refill", "poll"], order);

        void Track(ApiPriority priority, string name) =>
            AnsweredAtOnce(budget, priority).ContinueWith(_ => order.Add(name), TaskContinuationOptions.ExecuteSynchronously);
    }

    [Fact]
    public async Task AcquireAsync_ScaleOutArrivingAfterAStatusPollWaiter_StillGoesFirst()
    {
        var time = ClockDriver.NewYear();
        var budget = Budget(time, qps: 2, burst: 1);
        budget.Report(await budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None), null);
        var poll = AnsweredAtOnce(budget, ApiPriority.StatusPoll);

        time.Advance(TimeSpan.FromMilliseconds(499));
        var burst = AnsweredAtOnce(budget, ApiPriority.ScaleOut);
        time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.True(burst.IsCompletedSuccessfully);
        Assert.False(poll.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.True(poll.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Report_Throttled_HalvesTheRateAndProbesAloneAfterOneSecond()
    {
        var time = ClockDriver.NewYear();
        var budget = await Proven(time, qps: 10, burst: 10);
        time.Advance(TimeSpan.FromSeconds(10));
        var throttled = await budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None);

        budget.Report(throttled, CloudFaults.Throttled());
        var probe = budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None);
        var next = budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(0.999));
        Assert.False(probe.IsCompleted);
        Assert.True(budget.IsPaused(Run));
        time.Advance(TimeSpan.FromSeconds(0.001));

        Assert.True(probe.IsCompletedSuccessfully);
        Assert.True((await probe).Probe);
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.False(next.IsCompleted);
        Assert.Equal(5, budget.CurrentQps(Run));
        Assert.Equal(1, budget.Throttles);
    }

    [Fact]
    public async Task Report_SuccessfulProbe_ResumesAtTheLoweredRateNotTheConfiguredOne()
    {
        var time = ClockDriver.NewYear();
        var budget = await Proven(time, qps: 10, burst: 10);
        budget.Report(await budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None), CloudFaults.Throttled());
        var probe = await ClockDriver.CompleteAsync(time, budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None));
        budget.Report(probe, CloudFaults.Throttled());
        probe = await ClockDriver.CompleteAsync(time, budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None));

        var waiting = Enumerable.Range(0, 10).Select(_ => AnsweredAtOnce(budget, ApiPriority.ScaleOut)).ToList();
        budget.Report(probe, null);
        var perSecond = new List<int>();
        for (var second = 0; second < 3; second++)
        {
            var before = waiting.Count(p => p.IsCompleted);
            time.Advance(TimeSpan.FromSeconds(1));
            perSecond.Add(waiting.Count(p => p.IsCompleted) - before);
        }

        // 10 → 5 → 2.5 calls a second: two whole calls in any second, the probe's answer included.
        Assert.False(budget.IsProbing(Run));
        Assert.Equal(2.5, budget.CurrentQps(Run));
        Assert.Equal(1, waiting.Count(p => p.IsCompleted) - perSecond.Sum());
        Assert.Equal([2, 2, 2], perSecond);
    }

    [Fact]
    public async Task Report_RefusedProbes_BackOffExponentiallyButNeverPastTheNextMinute()
    {
        var time = ClockDriver.NewYear();
        var budget = await Proven(time, qps: 10, burst: 10);
        time.Advance(TimeSpan.FromSeconds(20));
        budget.Report(await budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None), CloudFaults.Throttled());
        var start = time.GetUtcNow();

        var probedAt = new List<double>();
        for (var probe = 0; probe < 8; probe++)
        {
            var permit = await ClockDriver.CompleteAsync(time, budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None), TimeSpan.FromMilliseconds(50));
            probedAt.Add(Math.Round((time.GetUtcNow() - start).TotalSeconds, 2));
            budget.Report(permit, CloudFaults.Throttled());
        }

        // 1, 1, 2, 4, 8, 16 s after each refusal; the next would be 32 s later, but the block ends at 00:01:00 (39 s in).
        // In the new minute the back-off starts over at one second.
        Assert.Equal([1, 2, 4, 8, 16, 32, 39, 40], probedAt);
        Assert.Equal(1, budget.CurrentQps(Run));
    }

    [Fact]
    public async Task Report_ThrottledWithRetryAfter_ProbesAfterThatLongInstead()
    {
        var time = ClockDriver.NewYear();
        var budget = await Proven(time, qps: 10, burst: 10);
        time.Advance(TimeSpan.FromSeconds(10));
        budget.Report(await budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None), CloudFaults.Throttled(TimeSpan.FromSeconds(5)));

        var next = budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(next.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.True(next.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Report_CallsInFlightBeforeTheThrottle_DoNotLowerTheRateTwice()
    {
        var time = ClockDriver.NewYear();
        var budget = await Proven(time, qps: 10, burst: 10);
        var a = await budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None);
        var b = await budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None);

        budget.Report(a, CloudFaults.Throttled());
        budget.Report(b, CloudFaults.Throttled());
        var next = budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(next.IsCompletedSuccessfully);
        Assert.Equal(1, budget.Throttles);
        Assert.Equal(5, budget.CurrentQps(Run));
    }

    [Fact]
    public async Task AcquireAsync_CancelledWaiter_GivesItsTurnToTheNext()
    {
        var time = ClockDriver.NewYear();
        var budget = Budget(time, qps: 1, burst: 1);
        budget.Report(await budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None), null);
        using var cancel = new CancellationTokenSource();
        var cancelled = budget.AcquireAsync(Run, ApiPriority.ScaleOut, cancel.Token);
        var next = budget.AcquireAsync(Run, ApiPriority.Repair, CancellationToken.None);

        await cancel.CancelAsync();
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(cancelled.IsCanceled);
        Assert.True(next.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task CallAsync_CallCancelledInFlight_GivesItsPlaceBack()
    {
        var time = ClockDriver.NewYear();
        var budget = Budget(time, qps: 1, burst: 1);
        using var cancel = new CancellationTokenSource();
        var hanging = new TaskCompletionSource<CloudResult<int>>();
        var call = budget.CallAsync(Run, ApiPriority.ScaleOut, _ => hanging.Task, cancel.Token);

        hanging.SetCanceled(cancel.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        var next = budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None);

        Assert.True(next.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Buckets_AreSeparatePerAction()
    {
        var time = ClockDriver.NewYear();
        var budget = Budget(time, qps: 1, burst: 1);
        budget.Report(await budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None), CloudFaults.Throttled());

        Assert.True(budget.AcquireAsync(CloudAction.DescribeInstances, ApiPriority.StatusPoll, CancellationToken.None).IsCompletedSuccessfully);
        Assert.Equal(1, budget.CurrentQps(CloudAction.DescribeInstances));
    }

    [Fact]
    public async Task CallAsync_ThrottledAnswer_ProbesASecondLaterAndReturnsTheRealAnswer()
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
            [new DateTimeOffset(2026, 1, 1, 0, 0, 30, TimeSpan.Zero), new DateTimeOffset(2026, 1, 1, 0, 0, 31, TimeSpan.Zero)],
            cloud.Calls.Select(c => c.At));
    }

    internal static CloudApiBudget Budget(FakeTimeProvider time, double qps, int burst)
    {
        var policy = new ScalePolicy();
        foreach (var action in CloudActions.All)
        {
            policy.Pacing[action] = new ActionPacing { Qps = qps, Burst = burst };
        }

        return new CloudApiBudget(policy, new CloudApiBudgetOptions(), time, NullLogger<CloudApiBudget>.Instance);
    }

    /// <summary>A budget whose RunInstances has had its first answer (so it no longer sends one call at a time), a second later.</summary>
    private static async Task<CloudApiBudget> Proven(FakeTimeProvider time, double qps, int burst)
    {
        var budget = Budget(time, qps, burst);
        budget.Report(await budget.AcquireAsync(Run, ApiPriority.ScaleOut, CancellationToken.None), null);
        time.Advance(TimeSpan.FromSeconds(1));
        return budget;
    }

    /// <summary>A permit whose call is answered (successfully) the moment it is granted.</summary>
    private static Task<ApiPermit> AnsweredAtOnce(CloudApiBudget budget, ApiPriority priority) =>
        budget.AcquireAsync(Run, priority, CancellationToken.None).ContinueWith(
            t =>
            {
                budget.Report(t.Result, null);
                return t.Result;
            },
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
