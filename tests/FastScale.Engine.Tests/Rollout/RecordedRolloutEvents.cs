using System.Collections.Concurrent;
using FastScale.Engine.Rollout;

namespace FastScale.Engine.Tests.Rollout;

internal sealed class RecordedRolloutEvents : IRolloutEvents
{
    public ConcurrentQueue<RolloutEvent> Events { get; } = new();

    public void Record(RolloutEvent rolloutEvent) => Events.Enqueue(rolloutEvent);
}
