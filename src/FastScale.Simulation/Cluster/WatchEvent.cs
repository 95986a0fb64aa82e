namespace FastScale.Simulation.Cluster;

/// <summary>
/// One committed change, kept in the history for watches that resume from a resourceVersion. <see cref="Previous"/>
/// is the version before the change: it lets a selector-filtered watch turn an update into ADDED or DELETED when the
/// object starts or stops matching (as the real watch cache does), and lets a list rebuild the state at an older
/// resourceVersion.
/// </summary>
internal sealed record WatchEvent(WatchEventType Type, StoredObject Object, StoredObject? Previous)
{
    public long ResourceVersion => Object.ResourceVersion;
}
