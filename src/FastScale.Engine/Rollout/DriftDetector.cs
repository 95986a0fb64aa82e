using FastScale.Engine.Cloud;
using FastScale.Engine.Policy;

namespace FastScale.Engine.Rollout;

/// <summary>
/// Decides whether an instance has drifted from its group's current policy. Pure: the same policy and origin always
/// give the same verdict, with no clock, cloud or state involved.
/// </summary>
/// <remarks>
/// <para>Facts first: image, security group, instance type and zone/vSwitch are read from the instance itself (the
/// cloud describes them), so they are judged even on instances without the template-hash tag. A type or a zone drifts
/// only when it is no longer listed: a group lists several, and an instance launched on the second type after a
/// stock-out of the first is not drifted.</para>
/// <para>Then the hash, for what the cloud cannot tell: labels and taints (and user data, when the policy has some).
/// The stored hash is compared with the hash of the instance's own image and security group under today's labels and
/// taints, so an image change is reported as <see cref="DriftReasons.Image"/> alone, not also as a template change.</para>
/// <para>Missing hash (instances launched before the tag existed): treated as unknown, not as drifted. Calling every
/// untagged node drifted would roll the whole fleet on the upgrade that introduces the tag, for no change in what the
/// nodes are; the facts still catch a changed image, security group, type or zone. A label or taint change does not
/// reach untagged nodes until they are replaced for another reason.</para>
/// <para>A security group is drifted when the instance is not in the group's security group; an instance in it and in
/// others besides (added by hand) is not.</para>
/// </remarks>
public static class DriftDetector
{
    /// <param name="currentHash">The group's <see cref="NodeTemplateHash.Of"/>, when the caller judges many instances and has it already.</param>
    public static DriftVerdict Judge(NodeGroupPolicy group, InstanceOrigin? origin, string? currentHash = null)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (origin is null)
        {
            return DriftVerdict.Unknown;
        }

        var reasons = DriftReasons.None;
        if (origin.ImageId is { } image && !string.Equals(image, group.ImageId, StringComparison.Ordinal))
        {
            reasons |= DriftReasons.Image;
        }

        var groups = origin.SecurityGroupIds;
        if (groups.Count > 0 && !groups.Contains(group.SecurityGroupId, StringComparer.Ordinal))
        {
            reasons |= DriftReasons.SecurityGroup;
        }

        if (origin.InstanceType.Length > 0 && !group.InstanceTypes.Contains(origin.InstanceType, StringComparer.Ordinal))
        {
            reasons |= DriftReasons.InstanceTypeUnlisted;
        }

        if (IsZoneUnlisted(group, origin))
        {
            reasons |= DriftReasons.ZoneUnlisted;
        }

        if (origin.TemplateHash is { } stored && stored != (currentHash ?? NodeTemplateHash.Of(group)))
        {
            // Re-hashed with the instance's own image and security group: what is left to differ is labels and taints.
            var ownImage = origin.ImageId ?? group.ImageId;
            var ownGroup = groups.Count == 1 || (groups.Count > 1 && !groups.Contains(group.SecurityGroupId, StringComparer.Ordinal))
                ? groups[0]
                : group.SecurityGroupId;
            if (stored != NodeTemplateHash.Compute(ownImage, ownGroup, group.Labels, group.Taints))
            {
                reasons |= DriftReasons.Template;
            }
        }

        return new DriftVerdict(reasons, TemplateKnown: origin.TemplateHash is not null);
    }

    private static bool IsZoneUnlisted(NodeGroupPolicy group, InstanceOrigin origin)
    {
        if (origin.ZoneId.Length > 0 && !group.Zones.Any(z => string.Equals(z.ZoneId, origin.ZoneId, StringComparison.Ordinal)))
        {
            return true;
        }

        // The zone is still listed but the instance's vSwitch is not: the network it joined is no longer the group's.
        return origin.VSwitchId is { } vSwitch && !group.Zones.Any(z => string.Equals(z.VSwitchId, vSwitch, StringComparison.Ordinal));
    }
}
