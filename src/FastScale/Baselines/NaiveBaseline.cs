using System.Globalization;
using FastScale.Engine.Cloud;
using FastScale.Engine.Policy;

namespace FastScale.Baselines;

/// <summary>
/// The naive policy every report compares against (report.json's <c>baseline</c>), as a separate small driver because
/// the engine has no switch that turns its own batching off: one instance per RunInstances call, calls one after the
/// other, no warm pool, no coalescing. It asks as fast as the account allows: at most the emulator's RunInstances limit
/// per emulated second (a naive client that knows the quota and never trips it), never in the last 5% of a second so a
/// call cannot land in the next one. It uses the group's first instance type and zone, tagged like FastScale's own, so
/// the same kubelets register its nodes. Demand reaches it when the autoscaler would act: at t = 0 for an IncreaseSize,
/// and the autoscaler's reaction (<see cref="UpstreamModel.AutoscalerReaction"/>) after pending pods appear. It is the
/// lower bound of the comparison, not what anyone runs: <see cref="UpstreamBaseline"/> is that.
/// </summary>
/// <remarks>
/// On a loaded machine a call sent at the end of one emulated second can still arrive in the next and be throttled;
/// ECS then blocks the action until the next minute. The baseline waits out that block (the server's retry-after hint,
/// or the minute boundary) instead of hammering it: hammering made 500 throttled calls for 100 nodes in one CI run,
/// which measures the machine, not the policy.
/// </remarks>
internal sealed class NaiveBaseline(ICloud cloud, ScalePolicy policy, NodeGroupPolicy group, int runInstancesPerSecond, TimeProvider time)
{
    private long _second = -1;
    private int _inSecond;

    public long Calls { get; private set; }

    public long Failures { get; private set; }

    /// <param name="visible">How many pods exist now; pods beyond those it asked for wait for the next <paramref name="scan"/>,
    /// as the autoscaler's loop would make them. Null: all <paramref name="nodes"/> at once.</param>
    public async Task RunAsync(int nodes, Func<int>? visible, TimeSpan scan, CancellationToken cancellationToken)
    {
        var zone = group.Zones[0];
        var seen = Math.Min(nodes, visible?.Invoke() ?? nodes);
        for (var i = 0; i < nodes;)
        {
            while (i >= seen)
            {
                await Task.Delay(scan, time, cancellationToken);
                seen = Math.Min(nodes, visible!());
            }

            await NextSlotAsync(cancellationToken);
            Calls++;
            var request = new LaunchRequest(policy.ClusterId, group.Id, string.Create(CultureInfo.InvariantCulture, $"naive-{i}"), group.ImageId,
                group.InstanceTypes[0], zone.ZoneId, zone.VSwitchId, group.SecurityGroupId, Amount: 1, MinAmount: 1, LaunchBatch: i + 1);
            var result = await cloud.LaunchAsync(request, cancellationToken);
            if (result.IsSuccess)
            {
                i++;
            }
            else
            {
                // Same ClientToken on the next try: a lost answer cannot create twice.
                Failures++;
                if (result.Error!.Kind == CloudErrorKind.Throttled)
                {
                    await Task.Delay(ThrottleWait(result.Error), time, cancellationToken);
                }
            }
        }
    }

    private TimeSpan ThrottleWait(CloudError error)
    {
        if (error.RetryAfter is { } hint && hint > TimeSpan.Zero)
        {
            return hint;
        }

        var now = time.GetUtcNow().UtcTicks;
        return TimeSpan.FromTicks(TimeSpan.TicksPerMinute - (now % TimeSpan.TicksPerMinute));
    }

    private async Task NextSlotAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var now = time.GetUtcNow();
            var second = now.UtcTicks / TimeSpan.TicksPerSecond;
            var intoSecond = TimeSpan.FromTicks(now.UtcTicks % TimeSpan.TicksPerSecond);
            if (second != _second)
            {
                (_second, _inSecond) = (second, 0);
            }

            if (_inSecond < runInstancesPerSecond && intoSecond < TimeSpan.FromMilliseconds(950))
            {
                _inSecond++;
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(1) - intoSecond + TimeSpan.FromMilliseconds(1), time, cancellationToken);
        }
    }
}
