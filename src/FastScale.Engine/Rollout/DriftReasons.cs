namespace FastScale.Engine.Rollout;

/// <summary>Why an instance no longer matches its group's policy; several may hold at once.</summary>
[Flags]
public enum DriftReasons
{
    None = 0,

    /// <summary>Its image is not the group's image (from the instance's own facts).</summary>
    Image = 1,

    /// <summary>It is not in the group's security group (from the instance's own facts).</summary>
    SecurityGroup = 2,

    /// <summary>
    /// Its template hash differs from the one its own image and security group would give under today's labels and
    /// taints: the labels or taints changed (or, when its image is unknown, possibly the image).
    /// </summary>
    Template = 4,

    /// <summary>Its instance type is no longer in the group's <c>instanceTypes</c>.</summary>
    InstanceTypeUnlisted = 8,

    /// <summary>Its zone, or its vSwitch, is no longer in the group's <c>zones</c>.</summary>
    ZoneUnlisted = 16,
}
