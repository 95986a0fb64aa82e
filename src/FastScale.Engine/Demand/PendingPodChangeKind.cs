namespace FastScale.Engine.Demand;

public enum PendingPodChangeKind
{
    Added,
    Updated,
    Removed,
}
