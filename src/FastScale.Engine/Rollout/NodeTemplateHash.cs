using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FastScale.Engine.Policy;

namespace FastScale.Engine.Rollout;

/// <summary>
/// A short, stable digest of what makes a node of a group what it is, written on every instance at launch
/// (<see cref="Cloud.CloudTags.TemplateHash"/>) and compared with the group's current policy to find drift.
/// </summary>
/// <remarks>
/// <para>In the hash, because a node launched with another value is a different node, and none of them can be changed on
/// a running instance by FastScale: the image (the OS and preloaded components), the security group (the network rules
/// the node lives under), the labels and the taints (set on the Node when it registers, so a later policy change never
/// reaches nodes already registered).</para>
/// <para>Not in the hash: instance types and zones/vSwitches, because a group lists several and an instance uses one of
/// them; an instance drifts on those only when its own type or zone is no longer listed, which
/// <see cref="DriftDetector"/> judges from the instance's facts. Resources, reserved and DaemonSet overhead describe the
/// node to the autoscaler and the planner, not what is launched; imageKind is a latency model hint; sizes, warm pool,
/// repair, rollout, prices and autoscaling options are how the group is run. User data: the policy has none today
/// (nodes join through the image); when it gains some, it belongs in the hash, and that change re-hashes every group.</para>
/// <para>Encoding: a version line, then each field length-prefixed so no value can run into the next; labels sorted by
/// key, taints by key, value and effect (ordinal), so the order they are written in the policy never changes the hash.
/// The digest is the first 8 bytes of SHA-256 in lower-case hex: 16 characters, well within an ECS tag value, and
/// collisions across the handful of templates a group ever has are negligible (2^-64 a pair).</para>
/// <para>Changing the encoding changes every hash and so marks every node drifted: bump <see cref="Version"/> only with a
/// reason worth a full rollout.</para>
/// </remarks>
public static class NodeTemplateHash
{
    public const string Version = "v1";

    /// <summary>The hash of the template a group launches now.</summary>
    public static string Of(NodeGroupPolicy group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return Compute(group.ImageId, group.SecurityGroupId, group.Labels, group.Taints);
    }

    /// <summary>The hash over explicit fields: the drift detector re-hashes with an instance's own image and security group.</summary>
    public static string Compute(
        string imageId, string securityGroupId, IReadOnlyDictionary<string, string> labels, IReadOnlyList<TaintPolicy> taints)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(taints);
        var text = new StringBuilder(Version).Append('\n');
        Field(text, "image", imageId);
        Field(text, "securityGroup", securityGroupId);
        foreach (var (key, value) in labels.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            Field(text, "label", key);
            Field(text, "=", value);
        }

        foreach (var taint in taints
            .OrderBy(t => t.Key, StringComparer.Ordinal).ThenBy(t => t.Value, StringComparer.Ordinal).ThenBy(t => t.Effect, StringComparer.Ordinal))
        {
            Field(text, "taint", taint.Key);
            Field(text, "=", taint.Value);
            Field(text, ":", taint.Effect);
        }

        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexStringLower(digest.AsSpan(0, 8));
    }

    private static void Field(StringBuilder text, string name, string value) =>
        text.Append(name).Append(' ').Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(value).Append('\n');
}
