namespace FastScale.Engine.Cloud;

/// <summary>Tag keys that mark an instance as ours; a restart rebuilds every group from them.</summary>
public static class CloudTags
{
    public const string Cluster = "fastscale.io/cluster";
    public const string NodeGroup = "fastscale.io/node-group";
    public const string ManagedBy = "fastscale.io/managed-by";
    public const string ManagedByValue = "fastscale";

    /// <summary>The group's launch-batch number (decimal), part of the batch's ClientToken; recovery continues after the highest.</summary>
    public const string LaunchBatch = "fastscale.io/launch-batch";
}
