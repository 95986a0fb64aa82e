using Microsoft.Extensions.Time.Testing;

namespace FastScale.Kubernetes.Tests.TestSupport;

internal static class FakeTime
{
    /// <summary>Steps the fake clock until <paramref name="done"/> holds. Between steps it yields briefly to real I/O
    /// on loopback (the fake server); no assertion depends on wall-clock time. Returns the fake time advanced.</summary>
    public static async Task<TimeSpan> AdvanceUntilAsync(this FakeTimeProvider time, Func<bool> done, TimeSpan step, TimeSpan? limit = null)
    {
        var advanced = TimeSpan.Zero;
        var fakeLimit = limit ?? TimeSpan.FromMinutes(5);
        var realDeadline = DateTime.UtcNow.AddSeconds(20);
        while (!done())
        {
            if (advanced >= fakeLimit || DateTime.UtcNow > realDeadline)
            {
                throw new TimeoutException($"condition not met after {advanced} of fake time");
            }

            // Let pending continuations and socket reads run before the clock moves.
            for (var i = 0; i < 10 && !done(); i++)
            {
                await Task.Delay(2);
            }

            if (done())
            {
                break;
            }

            time.Advance(step);
            advanced += step;
        }

        return advanced;
    }

    /// <summary>Awaits a task that real I/O completes, failing the test rather than hanging.</summary>
    public static Task<T> Within<T>(this Task<T> task, int seconds = 10) => task.WaitAsync(TimeSpan.FromSeconds(seconds));

    public static Task Within(this Task task, int seconds = 10) => task.WaitAsync(TimeSpan.FromSeconds(seconds));
}
