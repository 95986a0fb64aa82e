namespace FastScale.Engine.Demand;

/// <summary>
/// The pods the scheduler could not place, kept current by the host (from a pod informer in the provider, from the
/// simulation in tests). The engine only reads.
/// </summary>
public interface IPendingPodSource
{
    /// <summary>
    /// Calls <paramref name="onChange"/> for every change from now on: a pod became unschedulable (Added), changed while
    /// still unschedulable (Updated), or was bound, deleted or finished (Removed). Pods already pending arrive first, as
    /// Added, before this returns. Calls come one at a time, in order, on the thread that saw the change, so a handler
    /// must be quick and must not call back into the source. Dispose the result to stop.
    /// </summary>
    IDisposable Subscribe(Action<PendingPodChange> onChange);

    /// <summary>All pods pending now: what a decision plans over.</summary>
    IReadOnlyList<PendingPod> Snapshot();

    /// <summary>
    /// True while the pods follow the cluster; false while the API server is out of reach and the snapshot is the past.
    /// Fast mode decides nothing on a snapshot that is not current. Sources that cannot lose their cluster keep the default.
    /// </summary>
    bool IsCurrent => true;
}
