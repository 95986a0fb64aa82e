using FastScale.Simulation.VirtualTime;

namespace FastScale.Simulation.Tests.VirtualTime;

public sealed class VirtualTimeProviderTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Far = Start.AddYears(1);

    [Fact]
    public void RunNext_TimersArmedOutOfOrder_FireInDueOrderAndTimeJumpsToEach()
    {
        var time = new VirtualTimeProvider(Start);
        var fired = new List<(string Name, TimeSpan At)>();
        using var late = time.CreateTimer(_ => fired.Add(("late", time.GetUtcNow() - Start)), null, TimeSpan.FromSeconds(30), Timeout.InfiniteTimeSpan);
        using var early = time.CreateTimer(_ => fired.Add(("early", time.GetUtcNow() - Start)), null, TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);
        using var middle = time.CreateTimer(_ => fired.Add(("middle", time.GetUtcNow() - Start)), null, TimeSpan.FromSeconds(12), Timeout.InfiniteTimeSpan);

        while (time.RunNext(Far))
        {
        }

        Assert.Equal(
            [("early", TimeSpan.FromSeconds(5)), ("middle", TimeSpan.FromSeconds(12)), ("late", TimeSpan.FromSeconds(30))],
            fired);
        Assert.Equal(Start.AddSeconds(30), time.GetUtcNow());
        Assert.Equal(TimeSpan.FromSeconds(30), time.GetElapsedTime(0));
    }

    [Fact]
    public void RunNext_TimersDueAtTheSameMoment_FireInTheOrderTheyWereArmed()
    {
        var time = new VirtualTimeProvider(Start);
        var fired = new List<int>();
        var timers = Enumerable.Range(0, 5)
            .Select(i => time.CreateTimer(_ => fired.Add(i), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan)).ToList();

        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal([0, 1, 2, 3, 4], fired);
        timers.ForEach(t => t.Dispose());
    }

    [Fact]
    public void Advance_PeriodicTimer_FiresOncePerPeriodUntilDisposed()
    {
        var time = new VirtualTimeProvider(Start);
        var at = new List<double>();
        var timer = time.CreateTimer(_ => at.Add((time.GetUtcNow() - Start).TotalSeconds), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

        time.Advance(TimeSpan.FromSeconds(6));
        timer.Dispose();
        time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal([1.0, 3.0, 5.0], at);
        Assert.Null(time.NextDue);
    }

    [Fact]
    public void Change_InsideItsOwnCallback_ReplacesThePeriodicSchedule()
    {
        var time = new VirtualTimeProvider(Start);
        var at = new List<double>();
        ITimer? timer = null;
        timer = time.CreateTimer(_ =>
        {
            at.Add((time.GetUtcNow() - Start).TotalSeconds);
            timer!.Change(TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
        }, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        time.Advance(TimeSpan.FromSeconds(30));

        // Every second at first; from the first firing on, every 10 s as the callback re-arms it.
        Assert.Equal([1.0, 11.0, 21.0], at);
        timer.Dispose();
    }

    [Fact]
    public void CreateTimer_ZeroDueTime_DoesNotRunInlineButAtTheNextRunNext()
    {
        var time = new VirtualTimeProvider(Start);
        var fired = 0;

        using var timer = time.CreateTimer(_ => fired++, null, TimeSpan.Zero, Timeout.InfiniteTimeSpan);

        Assert.Equal(0, fired);
        Assert.True(time.RunNext(Start));
        Assert.Equal(1, fired);
        Assert.Equal(Start, time.GetUtcNow());
    }

    [Fact]
    public void RunNext_NothingDueByTheLimit_ReturnsFalseAndTimeStays()
    {
        var time = new VirtualTimeProvider(Start);
        using var timer = time.CreateTimer(_ => { }, null, TimeSpan.FromMinutes(5), Timeout.InfiniteTimeSpan);

        Assert.False(time.RunNext(Start.AddMinutes(1)));
        Assert.Equal(Start, time.GetUtcNow());
        Assert.Equal(Start.AddMinutes(5), time.NextDue);
    }

    [Fact]
    public void Delay_OnTheVirtualClock_CompletesInlineWhenItsTimerFires()
    {
        var time = new VirtualTimeProvider(Start);
        var steps = new List<double>();

        // As a plan's driver runs: no synchronization context (xunit installs one, and with one current, a
        // ConfigureAwait(false) continuation goes to the thread pool instead of running inline).
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        Task work;
        try
        {
            work = RunAsync();
            Assert.False(work.IsCompleted);
            while (time.RunNext(Far))
            {
            }
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        Assert.True(work.IsCompletedSuccessfully);
        Assert.Equal([3.0, 10.0], steps);

        async Task RunAsync()
        {
            await Task.Delay(TimeSpan.FromSeconds(3), time).ConfigureAwait(false);
            steps.Add((time.GetUtcNow() - Start).TotalSeconds);
            await Task.Delay(TimeSpan.FromSeconds(7), time).ConfigureAwait(false);
            steps.Add((time.GetUtcNow() - Start).TotalSeconds);
        }
    }

    [Fact]
    public async Task CancellationTokenSource_WithVirtualTimeout_CancelsADelayAtThatMoment()
    {
        var time = new VirtualTimeProvider(Start);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(4), time);

        var delay = Task.Delay(TimeSpan.FromSeconds(60), time, timeout.Token);
        time.Advance(TimeSpan.FromSeconds(3));
        Assert.False(delay.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(delay.IsCanceled);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => delay);
        // The cancelled delay's timer is gone: nothing is left to fire at 60 s.
        Assert.Null(time.NextDue);
    }

    [Fact]
    public void CreateTimer_FromAnotherThreadOnceBound_IsCounted()
    {
        var time = new VirtualTimeProvider(Start);
        time.BindToCurrentThread();
        using var own = time.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        Assert.Equal(0, time.ForeignThreadCalls);

        var thread = new Thread(() => time.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan).Dispose());
        thread.Start();
        thread.Join();

        Assert.Equal(1, time.ForeignThreadCalls);
    }
}
