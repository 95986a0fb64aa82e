using FastScale.Engine.Cloud;
using FastScale.Engine.Policy;
using FastScale.Testing.Cloud;

namespace FastScale.Engine.Tests.NodeGroups;

/// <summary>
/// Increases that arrive while a launch of the same group is still waiting (for its window or its permit) join that
/// launch, up to 100 instances a call; the first call of a burst and a full call wait for nothing.
/// </summary>
public sealed class LaunchCoalescingTests
{
    private const CloudAction Run = CloudAction.RunInstances;
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public Task Trickle_OneNodeEvery50ms_BecomesAFewCallsOfTens_FirstCallAtOnce() => OffTheTestContext(async () =>
    {
        var h = await EngineHarness.RecoveredAsync(Roomy(TestPolicies.OneGroup()));

        for (var i = 0; i < 100; i++)
        {
            h.Engine.IncreaseSize("g1", 1);
            h.Reconciler.Pass.RunOnce(CancellationToken.None);
            await StepAsync(h, TimeSpan.FromMilliseconds(50));
        }

        await h.SettleAsync();

        var calls = h.Cloud.Calls.Where(c => c.Action == Run).ToList();
        Assert.Equal((Start, 1), (calls[0].At, calls[0].Count));
        Assert.InRange(calls.Count, 5, 7);
        Assert.All(calls.Skip(1).SkipLast(1), c => Assert.InRange(c.Count, 15, 25));
        Assert.Equal(100, calls.Sum(c => c.Count));
        Assert.Equal(calls.Count, calls.Select(c => c.ClientToken).Distinct().Count());
        Assert.Equal(100, h.Cloud.InstanceCount);
        Assert.Equal(100, h.Instances().Count);
    });

    [Fact]
    public Task WithoutCoalescing_TheSameTrickle_IsOneCallPerNode() => OffTheTestContext(async () =>
    {
        // The window is what the test above measures: at a millisecond, with the budget to spare, every increase is a
        // call of its own.
        var policy = Roomy(TestPolicies.OneGroup());
        policy.Provider.LaunchBatchWindow = TimeSpan.FromMilliseconds(1);
        var h = await EngineHarness.RecoveredAsync(policy);

        for (var i = 0; i < 100; i++)
        {
            h.Engine.IncreaseSize("g1", 1);
            h.Reconciler.Pass.RunOnce(CancellationToken.None);
            await StepAsync(h, TimeSpan.FromMilliseconds(50));
        }

        await h.SettleAsync();

        Assert.Equal(100, h.Cloud.LaunchCalls);
        Assert.Equal(100, h.Cloud.InstanceCount);
    });

    [Fact]
    public Task AJoinThatFillsTheWaitingBatch_SendsItAtOnce_TheRestWaitsItsWindow() => OffTheTestContext(async () =>
    {
        var h = await EngineHarness.RecoveredAsync(TestPolicies.OneGroup());

        await IncreaseAsync(h, 1, TimeSpan.FromMilliseconds(100));
        await IncreaseAsync(h, 50, TimeSpan.FromMilliseconds(100));
        await IncreaseAsync(h, 60, TimeSpan.Zero);
        await h.SettleAsync();

        var calls = h.Cloud.Calls.Where(c => c.Action == Run).Select(c => (c.At - Start, c.Count)).ToList();
        Assert.Equal(
            [(TimeSpan.Zero, 1), (TimeSpan.FromMilliseconds(200), 100), (TimeSpan.FromSeconds(1), 10)],
            calls);
        Assert.Equal(111, h.Instances().Count);
    });

    [Fact]
    public Task AFullBatch_NeverWaitsForTheWindow() => OffTheTestContext(async () =>
    {
        var h = await EngineHarness.RecoveredAsync(TestPolicies.OneGroup());

        await IncreaseAsync(h, 1, TimeSpan.FromMilliseconds(100));
        await IncreaseAsync(h, 250, TimeSpan.Zero);
        await h.SettleAsync();

        var calls = h.Cloud.Calls.Where(c => c.Action == Run).Select(c => (c.At - Start, c.Count)).ToList();
        Assert.Equal(
            [(TimeSpan.Zero, 1), (TimeSpan.FromMilliseconds(100), 100), (TimeSpan.FromMilliseconds(100), 100), (TimeSpan.FromSeconds(1), 50)],
            calls);
    });

    [Fact]
    public Task ABatchWaitingForItsPermit_TakesInTheIncreasesThatArriveMeanwhile() => OffTheTestContext(async () =>
    {
        var policy = TestPolicies.OneGroup();
        policy.Provider.LaunchBatchWindow = TimeSpan.FromMilliseconds(1);
        policy.Pacing[Run] = new ActionPacing { Qps = 1, Burst = 1 };
        var h = await EngineHarness.RecoveredAsync(policy);

        await IncreaseAsync(h, 100, TimeSpan.FromMilliseconds(100));
        await IncreaseAsync(h, 5, TimeSpan.FromMilliseconds(400));
        await IncreaseAsync(h, 7, TimeSpan.Zero);
        await h.SettleAsync();

        var calls = h.Cloud.Calls.Where(c => c.Action == Run).Select(c => (c.At - Start, c.Count)).ToList();
        Assert.Equal([(TimeSpan.Zero, 100), (TimeSpan.FromSeconds(1), 12)], calls);
        Assert.Equal(112, h.Instances().Count);
    });

    [Fact]
    public Task ShutdownWhileABatchWaits_GivesItsSlotsBack_NothingLaunched() => OffTheTestContext(async () =>
    {
        var h = await EngineHarness.RecoveredAsync(TestPolicies.OneGroup());
        await IncreaseAsync(h, 1, TimeSpan.FromMilliseconds(100));
        using var stop = new CancellationTokenSource();
        h.Engine.IncreaseSize("g1", 30);
        h.Reconciler.Pass.RunOnce(stop.Token);
        await StepAsync(h, TimeSpan.FromMilliseconds(100));

        await stop.CancelAsync();
        await h.SettleAsync();

        Assert.Equal(1, h.Cloud.LaunchCalls);
        Assert.True(h.Reconciler.Pass.IsIdle);
        // The 30 slots are free again: the next pass launches them, once.
        await h.ReconcileAsync();
        Assert.Equal(31, h.Cloud.InstanceCount);
        Assert.Equal(31, h.Instances().Count);
    });

    /// <summary>RunInstances at 100 calls a second: no call of these tests waits for its permit unless it says so.</summary>
    private static ScalePolicy Roomy(ScalePolicy policy)
    {
        policy.Pacing[Run] = new ActionPacing { Qps = 100, Burst = 100 };
        return policy;
    }

    /// <summary>
    /// xunit runs a test under its own SynchronizationContext, where completing a TaskCompletionSource never runs an
    /// awaiting continuation inline: a batch that fills, or a permit the clock grants, would hop to the thread pool and
    /// race the next clock step (a call due at 200 ms was once recorded at 300 ms on a loaded machine). Off that context
    /// the work a pass or a clock step releases runs up to its next wait before the test goes on.
    /// </summary>
    private static Task OffTheTestContext(Func<Task> body) => Task.Run(body);

    private static async Task IncreaseAsync(EngineHarness h, int delta, TimeSpan then)
    {
        Assert.Null(h.Engine.IncreaseSize("g1", delta));
        h.Reconciler.Pass.RunOnce(CancellationToken.None);
        await StepAsync(h, then);
    }

    /// <summary>Lets the work a pass started run, then moves the clock on by <paramref name="by"/> in 10 ms steps.</summary>
    private static async Task StepAsync(EngineHarness h, TimeSpan by)
    {
        await Task.Yield();
        for (var t = TimeSpan.Zero; t < by; t += TimeSpan.FromMilliseconds(10))
        {
            h.Time.Advance(TimeSpan.FromMilliseconds(10));
            await Task.Yield();
        }
    }
}
