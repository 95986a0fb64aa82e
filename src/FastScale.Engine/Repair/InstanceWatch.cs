namespace FastScale.Engine.Repair;

/// <summary>
/// What the repairer remembers of one instance between passes. <see cref="FirstSeen"/> is when the repairer first saw
/// the instance in its group, by the injected clock: not the cloud's creation time, because an instance started from a
/// warm pool was created long ago but launched just now. After a restart every instance starts its clock again, which
/// can only delay a repair, never hasten one.
/// </summary>
internal sealed class InstanceWatch(DateTimeOffset firstSeen)
{
    public DateTimeOffset FirstSeen { get; } = firstSeen;

    /// <summary>The node has been Ready at least once: from then on NotReady is judged by its own timeout.</summary>
    public bool EverReady { get; private set; }

    /// <summary>Since when the repairer has seen the node not Ready (or gone); null while it is Ready.</summary>
    public DateTimeOffset? UnreadySince { get; private set; }

    public void Observe(NodeHealth? node, DateTimeOffset now)
    {
        if (node is { IsReady: true })
        {
            EverReady = true;
            UnreadySince = null;
        }
        else
        {
            UnreadySince ??= now;
        }
    }
}
