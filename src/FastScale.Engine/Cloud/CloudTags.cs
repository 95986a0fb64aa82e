namespace FastScale.Engine.Cloud;

/// <summary>Tag keys that mark an instance as ours; a restart rebuilds every group from them.</summary>
public static class CloudTags
{
    public const string Cluster = "fastscale.io/cluster";
    public const string NodeGroup = "fastscale.io/node-group";
    public const string ManagedBy = "fastscale.io/managed-by";
    public const string ManagedByValue = "fastscale";

    /// <summary>
    /// The group's launch-batch number (decimal; milliseconds since 1970 when it was drawn, or just above the previous
    /// number), part of the batch's ClientToken; recovery continues above the highest (<see cref="Launch.LaunchBatchSequence"/>).
    /// </summary>
    public const string LaunchBatch = "fastscale.io/launch-batch";

    /// <summary>
    /// Set (to <see cref="WarmPoolValue"/>) on instances created for a group's warm pool, at creation, and never removed:
    /// the cloud interface has no tag update. Recovery reads it together with the instance's status (see
    /// <c>WarmPool.WarmPoolRecovery</c>): Pending, Stopping or Stopped means still in the pool; Starting or Running means
    /// taken into the group (or caught mid-warm-up), and the instance is adopted as a node of the group.
    /// </summary>
    public const string WarmPool = "fastscale.io/warm-pool";

    /// <summary>
    /// The <see cref="Rollout.NodeTemplateHash"/> of the group's policy the instance was launched from, set at creation
    /// (scale-out, replacement, warm-pool creation) and never changed: a restarted provider still knows which template
    /// each instance came from, so drift survives restarts. Absent on instances launched before the tag existed.
    /// </summary>
    public const string TemplateHash = "fastscale.io/template-hash";
    public const string WarmPoolValue = "true";
}
