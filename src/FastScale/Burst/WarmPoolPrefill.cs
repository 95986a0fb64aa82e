using FastScale.Engine.WarmPool;

namespace FastScale.Burst;

/// <summary>
/// Before t = 0 of a warm scenario: waits until the group's warm pool holds its full size of Ready (stopped) instances
/// and none of their Nodes still reports Ready=True (a stopped kubelet stops renewing its lease, and the Node goes
/// Unknown), so the burst's readiness is measured from real starts, not from stale statuses.
/// </summary>
internal static class WarmPoolPrefill
{
    public static async Task WaitUntilFullAsync(
        WarmPoolManager pools, string groupId, NodeReadinessWatch watch, TimeSpan limit, TimeProvider time, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + limit;
        while (true)
        {
            var status = pools.Status(groupId) ?? throw new InvalidOperationException($"group '{groupId}' has no warm pool");
            if (status.Size > 0 && status.Ready >= status.Size && watch.InstancesReadyNow().Count == 0)
            {
                return;
            }

            if (time.GetUtcNow() >= deadline)
            {
                throw new TimeoutException($"the warm pool of '{groupId}' was not full after {limit.TotalSeconds:0} s emulated: {status}");
            }

            await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken);
        }
    }
}
