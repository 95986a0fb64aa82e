namespace FastScale.Kubernetes.Tests.TestSupport;

/// <summary>Waits for a real-time provider (real sockets, real back-off) to reach a state: polled, bounded.</summary>
internal static class Poll
{
    public static async Task UntilAsync(Func<Task<bool>> done, string what, int seconds = 60)
    {
        for (var attempt = 0; attempt < seconds * 20; attempt++)
        {
            if (await done())
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
        }

        throw new TimeoutException($"{what}: the provider did not reach the expected state within {seconds} s");
    }
}
