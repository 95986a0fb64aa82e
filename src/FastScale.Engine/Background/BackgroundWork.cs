using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FastScale.Engine.Background;

/// <summary>
/// The tasks a loop started and did not wait for (launches, polls, releases, replacements). None faults unobserved:
/// cancellation at shutdown is expected, anything else is logged; <see cref="IsEmpty"/> says when all are done, which
/// is how tests and simulated-time drivers know a pass has finished.
/// </summary>
internal sealed class BackgroundWork(ILogger logger, string owner)
{
    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();

    public bool IsEmpty => _inFlight.IsEmpty;

    public void Track(Task work, string what)
    {
        var guarded = ObserveAsync(work, what);
        if (guarded.IsCompleted)
        {
            return;
        }

        _inFlight.TryAdd(guarded, 0);
        guarded.ContinueWith(
            static (done, state) => ((ConcurrentDictionary<Task, byte>)state!).TryRemove(done, out _),
            _inFlight, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task ObserveAsync(Task work, string what)
    {
        try
        {
            await work.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex)
        {
            Log.BackgroundWorkFailed(logger, owner, what, ex);
        }
    }

    /// <summary>Waits until every tracked task (including ones started meanwhile) is done; false if
    /// <paramref name="timeout"/> passed first. Never throws for the tasks' own failures.</summary>
    public async Task<bool> WhenEmptyAsync(TimeSpan timeout, TimeProvider time)
    {
        var start = time.GetTimestamp();
        while (!_inFlight.IsEmpty)
        {
            var left = timeout == Timeout.InfiniteTimeSpan ? Timeout.InfiniteTimeSpan : timeout - time.GetElapsedTime(start);
            if (left != Timeout.InfiniteTimeSpan && left <= TimeSpan.Zero)
            {
                return false;
            }

            try
            {
                await Task.WhenAll(_inFlight.Keys).WaitAsync(left, time).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return false;
            }
        }

        return true;
    }
}
