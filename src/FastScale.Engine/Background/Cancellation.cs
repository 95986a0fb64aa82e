namespace FastScale.Engine.Background;

internal static class Cancellation
{
    /// <summary>
    /// A task that completes (successfully) when <paramref name="token"/> is cancelled, and runs its continuation on the
    /// cancelling thread. <c>Task.Delay(Infinite, timeProvider, token)</c> would resume on the thread pool instead, which
    /// on a plan's virtual clock is a thread the clock does not drive.
    /// </summary>
    public static Task WhenCancelled(CancellationToken token)
    {
        if (token.IsCancellationRequested)
        {
            return Task.CompletedTask;
        }

        var cancelled = new TaskCompletionSource();
        var registration = token.Register(static s => ((TaskCompletionSource)s!).TrySetResult(), cancelled);
        _ = cancelled.Task.ContinueWith(static (_, r) => ((CancellationTokenRegistration)r!).Dispose(), registration,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return cancelled.Task;
    }

    /// <summary>
    /// Completes (successfully) when <paramref name="delay"/> has passed on <paramref name="time"/>, when
    /// <paramref name="other"/> completes, or when <paramref name="token"/> is cancelled, whichever comes first, on the
    /// thread that caused it (the virtual clock's, in a plan), for the reason given on <see cref="WhenCancelled"/>.
    /// </summary>
    public static Task DelayOrAsync(TimeSpan delay, TimeProvider time, Task other, CancellationToken token)
    {
        if (delay <= TimeSpan.Zero || other.IsCompleted || token.IsCancellationRequested)
        {
            return Task.CompletedTask;
        }

        var done = new TaskCompletionSource();
        var timer = time.CreateTimer(static s => ((TaskCompletionSource)s!).TrySetResult(), done, delay, Timeout.InfiniteTimeSpan);
        var registration = token.Register(static s => ((TaskCompletionSource)s!).TrySetResult(), done);
        _ = other.ContinueWith(static (_, s) => ((TaskCompletionSource)s!).TrySetResult(), done,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        _ = done.Task.ContinueWith(
            (_, _) =>
            {
                timer.Dispose();
                registration.Dispose();
            },
            null, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return done.Task;
    }
}
