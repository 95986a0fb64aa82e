namespace FastScale.Engine.Rollout;

/// <summary>
/// Where a rollout tells people what it did, besides its log and metrics: the host posts Kubernetes Events (on the
/// Node when one is named), tests record them. Calls must not block: the rollout calls in from its pass.
/// </summary>
public interface IRolloutEvents
{
    void Record(RolloutEvent rolloutEvent);
}

/// <summary>
/// One thing a rollout did or could not do. <paramref name="Reason"/> is a short CamelCase word (RolloutHalted,
/// NodeDraining, DrainTimedOut…); <paramref name="NodeName"/> is the Node it concerns, if any.
/// </summary>
public sealed record RolloutEvent(string GroupId, string Reason, string Message, bool Warning = false, string? NodeName = null);

/// <summary>No events: the engine alone (plan, tests), where the log and metrics say it all.</summary>
public sealed class NoRolloutEvents : IRolloutEvents
{
    public void Record(RolloutEvent rolloutEvent)
    {
    }
}
