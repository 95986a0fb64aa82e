using FastScale.Engine.Cloud;
using FastScale.Engine.Launch;
using FastScale.Engine.Policy;

namespace FastScale.Engine.Tests.Repair;

public sealed class RepairPriorityTests
{
    [Fact]
    public async Task ReplacementLaunch_WaitsBehindAScaleOut_ForTheSameAction()
    {
        var policy = RepairHarness.Policy();
        // One RunInstances token every 100 s: whoever waits for it is queued long enough to see the order.
        policy.Pacing[CloudAction.RunInstances] = new ActionPacing { Qps = 0.01, Burst = 1 };
        var h = await RepairHarness.StartAsync(policy, 2);
        h.NeverBoot.Add(await FirstInstanceAsync(h));
        await h.RunAsync(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(50));

        // Take the bucket's token (a call answered at once), so the repair's launch has to queue.
        var taken = await h.Engine.Budget.AcquireAsync(CloudAction.RunInstances, ApiPriority.ScaleOut, CancellationToken.None);
        h.Engine.Budget.Report(taken, null);
        var mark = h.Cloud.Calls.Count;
        while (h.Metrics.Total == 0)
        {
            await h.RunAsync(TimeSpan.FromSeconds(1));
        }

        Assert.Contains(h.Cloud.Calls.Skip(mark), c => c.Action == CloudAction.DeleteInstances);
        Assert.DoesNotContain(h.Cloud.Calls.Skip(mark), c => c.Action == CloudAction.RunInstances);
        Assert.Null(h.Engine.Engine.IncreaseSize("g1", 3));
        await h.RunAsync(TimeSpan.FromMinutes(4));

        var launches = h.Cloud.Calls.Skip(mark).Where(c => c.Action == CloudAction.RunInstances).Select(c => c.Count).ToList();
        Assert.Equal([3, 1], launches);
        await h.RunUntilAllReadyAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(5, h.Cloud.InstanceCount);
        await h.StopAsync();
    }

    private static async Task<string> FirstInstanceAsync(RepairHarness h)
    {
        while (h.Instances().Count == 0)
        {
            await h.RunAsync(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
        }

        return h.Instances().Select(i => i.InstanceId).Order(StringComparer.Ordinal).First();
    }
}
