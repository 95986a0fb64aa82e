namespace FastScale.Simulation.Cluster;

/// <summary>What one watcher receives: an event type and the object's JSON (shared by every watcher that sees it).</summary>
internal readonly record struct WatchDelivery(WatchEventType Type, byte[] ObjectJson)
{
    public string TypeName => Type switch
    {
        WatchEventType.Added => "ADDED",
        WatchEventType.Modified => "MODIFIED",
        WatchEventType.Deleted => "DELETED",
        WatchEventType.Bookmark => "BOOKMARK",
        _ => "ERROR",
    };
}
