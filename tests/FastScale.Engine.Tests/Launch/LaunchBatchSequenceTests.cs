using FastScale.Engine.Launch;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Engine.Tests.Launch;

public sealed class LaunchBatchSequenceTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);

    [Fact]
    public void Next_StartsAtTheClocksMilliseconds_AndStepsByOneWithinAMillisecond()
    {
        var sequence = new LaunchBatchSequence(_time);

        long[] drawn = [sequence.Next("g1"), sequence.Next("g1"), sequence.Next("g1")];

        var ms = Start.ToUnixTimeMilliseconds();
        Assert.Equal([ms, ms + 1, ms + 2], drawn);
        Assert.Equal(ms, sequence.Next("g2"));
    }

    [Fact]
    public void Next_InASuccessorThatSawNoTags_IsAboveEveryNumberItsPredecessorDrew()
    {
        // The predecessor's batches were all released (scale-down to zero), so recovery observes nothing.
        var predecessor = new LaunchBatchSequence(_time);
        var used = Enumerable.Range(0, 20).Select(_ => predecessor.Next("g1")).ToList();
        _time.Advance(TimeSpan.FromSeconds(1));

        var successor = new LaunchBatchSequence(_time);

        Assert.True(successor.Next("g1") > used.Max());
    }

    [Fact]
    public void Next_AfterObservingATagAheadOfTheClock_ContinuesAboveIt()
    {
        var sequence = new LaunchBatchSequence(_time);
        var ahead = Start.AddMinutes(10).ToUnixTimeMilliseconds();

        sequence.Observe("g1", ahead);

        Assert.Equal(ahead + 1, sequence.Next("g1"));
        Assert.Equal(ahead + 1, sequence.Last("g1"));
    }

    [Fact]
    public void Next_WhenTheClockStepsBack_NeverRepeatsANumber()
    {
        var sequence = new LaunchBatchSequence(_time);
        _time.Advance(TimeSpan.FromSeconds(30));
        var before = sequence.Next("g1");
        _time.AdjustTime(Start);

        Assert.Equal(before + 1, sequence.Next("g1"));
    }

    [Fact]
    public void Observe_ALowerNumber_DoesNotLowerTheSequence()
    {
        var sequence = new LaunchBatchSequence(_time);
        var drawn = sequence.Next("g1");

        sequence.Observe("g1", 7);

        Assert.Equal(drawn, sequence.Last("g1"));
    }
}
