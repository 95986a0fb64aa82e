using FastScale.Engine.Policy;

namespace FastScale.Engine.Reload;

/// <summary>
/// What a reload may change, field by field: the one table to extend when the policy gains a field (a test fails until
/// every public property of <see cref="ScalePolicy"/> and <see cref="NodeGroupPolicy"/> is listed here).
/// </summary>
/// <remarks>
/// Runtime fields are those every component reads from the group (or the registry) at the moment it acts: the launcher
/// takes image, types, zones and security group from the batch it builds then; the template is rebuilt on apply; the
/// warm pool, repair, pricing and the gRPC answers read the group's policy per call; pacing re-rates the buckets in place.
/// Restart fields are identity (clusterId and region are in every instance's tags and providerID) and the provider
/// settings, which size components built once at start-up (fast-mode windows, the gRPC service's GPU answers).
/// </remarks>
public static class PolicyFields
{
    public static IReadOnlyList<PolicyField<ScalePolicy>> Cluster { get; } =
    [
        new("clusterId", ReloadScope.Restart, p => p.ClusterId),
        new("region", ReloadScope.Restart, p => p.Region),
        new("provider", ReloadScope.Restart, p => p.Provider),
        new("pacing", ReloadScope.Runtime, p => p.Pacing),
    ];

    /// <summary>Per group; <c>id</c> is the key groups are matched by, so it is not a field that can change.</summary>
    public static IReadOnlyList<PolicyField<NodeGroupPolicy>> Group { get; } =
    [
        new("minSize", ReloadScope.Runtime, g => g.MinSize),
        new("maxSize", ReloadScope.Runtime, g => g.MaxSize),
        new("imageId", ReloadScope.Runtime, g => g.ImageId),
        new("imageKind", ReloadScope.Runtime, g => g.ImageKind),
        new("instanceTypes", ReloadScope.Runtime, g => g.InstanceTypes),
        new("zones", ReloadScope.Runtime, g => g.Zones),
        new("securityGroupId", ReloadScope.Runtime, g => g.SecurityGroupId),
        new("labels", ReloadScope.Runtime, g => g.Labels),
        new("taints", ReloadScope.Runtime, g => g.Taints),
        new("resources", ReloadScope.Runtime, g => g.Resources),
        new("reserved", ReloadScope.Runtime, g => g.Reserved),
        new("daemonSetOverhead", ReloadScope.Runtime, g => g.DaemonSetOverhead),
        new("warmPool", ReloadScope.Runtime, g => g.WarmPool),
        new("repair", ReloadScope.Runtime, g => g.Repair),
        new("prices", ReloadScope.Runtime, g => g.Prices),
        new("autoscalingOptions", ReloadScope.Runtime, g => g.AutoscalingOptions),
        new("rollout", ReloadScope.Runtime, g => g.Rollout),
    ];

    /// <summary>Property names the tables above deliberately leave out.</summary>
    public static IReadOnlySet<string> Structural { get; } = new HashSet<string>(StringComparer.Ordinal) { nameof(ScalePolicy.NodeGroups), nameof(NodeGroupPolicy.Id) };
}
