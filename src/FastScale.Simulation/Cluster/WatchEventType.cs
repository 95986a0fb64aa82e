namespace FastScale.Simulation.Cluster;

internal enum WatchEventType
{
    Added,
    Modified,
    Deleted,
    Bookmark,
    Error,
}
