using FastScale.Kubernetes.Adapters.Rollout;

namespace FastScale.Kubernetes.Tests.Adapters.Rollout;

public sealed class EvictionRetriesTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Refused_WithoutRetryAfter_DoublesFromOneSecondUpToTheCap()
    {
        // random 0.5 puts the jitter (±20 %) at its middle: the bare delay.
        var retries = new EvictionRetries(new RolloutDrainOptions(), () => 0.5);
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 7; i++)
        {
            retries.Refused("p", Now, null);
            waits.Add(retries.NextDue!.Value - Now);
        }

        Assert.Equal([1, 2, 4, 8, 16, 30, 30], waits.Select(w => w.TotalSeconds));
    }

    [Fact]
    public void Refused_WithRetryAfter_WaitsAtLeastThatLong_AndIsDueOnlyThen()
    {
        var retries = new EvictionRetries(new RolloutDrainOptions(), () => 0.0);

        retries.Refused("p", Now, TimeSpan.FromSeconds(10));

        Assert.False(retries.IsDue("p", Now + TimeSpan.FromSeconds(9.9)));
        Assert.True(retries.IsDue("p", Now + TimeSpan.FromSeconds(10)));
        Assert.True(retries.IsDue("other", Now));
    }

    [Fact]
    public void Jitter_SpreadsTheSameRefusalOverTwentyPercentEitherSide()
    {
        var low = new EvictionRetries(new RolloutDrainOptions(), () => 0.0);
        var high = new EvictionRetries(new RolloutDrainOptions(), () => 1.0);
        low.Refused("p", Now, null);
        high.Refused("p", Now, null);

        Assert.Equal(0.8, (low.NextDue!.Value - Now).TotalSeconds, 3);
        Assert.Equal(1.2, (high.NextDue!.Value - Now).TotalSeconds, 3);
    }
}
