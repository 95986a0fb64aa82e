using Microsoft.Extensions.Time.Testing;

namespace FastScale.Engine.Tests.Launch;

/// <summary>Steps a fake clock until a task completes; fails instead of hanging when it never does.</summary>
internal static class ClockDriver
{
    public static async Task<T> CompleteAsync<T>(FakeTimeProvider time, Task<T> task, TimeSpan? step = null, TimeSpan? limit = null)
    {
        var deadline = time.GetUtcNow() + (limit ?? TimeSpan.FromMinutes(30));
        while (!task.IsCompleted)
        {
            Assert.True(time.GetUtcNow() < deadline, "the task did not complete in simulated time");
            time.Advance(step ?? TimeSpan.FromMilliseconds(100));
            await Task.Yield();
        }

        return await task;
    }

    public static FakeTimeProvider NewYear() => new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
}
