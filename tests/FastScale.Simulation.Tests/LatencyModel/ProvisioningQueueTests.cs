using FastScale.Simulation.LatencyModel;

namespace FastScale.Simulation.Tests.LatencyModel;

public sealed class ProvisioningQueueTests
{
    [Fact]
    public void Admit_BurstAtOnce_StartsOnePerSlot()
    {
        var queue = new ProvisioningQueue(perSecond: 10);
        var t0 = DateTimeOffset.UnixEpoch;

        var starts = Enumerable.Range(0, 25).Select(_ => queue.Admit(t0)).ToList();

        Assert.Equal(t0, starts[0]);
        Assert.Equal(t0 + TimeSpan.FromMilliseconds(2400), starts[24]);
    }

    [Fact]
    public void Admit_AfterQueueDrained_StartsAtOnce()
    {
        var queue = new ProvisioningQueue(perSecond: 1);
        var t0 = DateTimeOffset.UnixEpoch;
        queue.Admit(t0);

        Assert.Equal(t0.AddSeconds(5), queue.Admit(t0.AddSeconds(5)));
    }
}
