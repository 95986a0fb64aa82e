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
}
