using System.Text.Json;
using System.Text.Json.Nodes;
using FastScale.Kubernetes.Models;

namespace FastScale.Kubernetes.Adapters.Rollout;

/// <summary>
/// The marks a rollout drain puts on a Node, and the merge patches that put and remove them. Besides the cordon and
/// the cluster-autoscaler's scale-down-disabled annotation (so the autoscaler neither removes the node under the drain
/// nor counts it as room), the node carries <see cref="Marker"/> (the group whose rollout drains it) and
/// <see cref="Undo"/>: what of the two the drain itself set. A node a person had cordoned, or marked scale-down-disabled,
/// before the drain gets back exactly that on release.
/// </summary>
internal static class NodeDrainMarks
{
    public const string ScaleDownDisabled = "cluster-autoscaler.kubernetes.io/scale-down-disabled";
    public const string Marker = "fastscale.io/rollout-drain";
    public const string Undo = "fastscale.io/rollout-drain-undo";

    private const string Cordon = "cordon";
    private const string ScaleDown = "scale-down-disabled";

    public static bool IsMarked(Node node) => node.Metadata?.Annotations?.ContainsKey(Marker) == true;

    /// <summary>The patch that cordons and marks the node; null when it carries every mark already.</summary>
    /// <remarks>On a node not yet marked the patch carries the resourceVersion read, so what it records as its own
    /// doing is true of the node it changes: a write in between makes it fail with 409 and the caller reads again.
    /// On a node marked already (a second drain, after a restart) the record is kept as it is.</remarks>
    public static byte[]? Mark(Node node, string groupId)
    {
        var cordoned = node.Spec?.Unschedulable == true;
        var scaleDownDisabled = node.Metadata?.Annotations?.GetValueOrDefault(ScaleDownDisabled) == "true";
        var annotations = new JsonObject { [ScaleDownDisabled] = "true" };
        var metadata = new JsonObject { ["annotations"] = annotations };
        if (IsMarked(node))
        {
            if (cordoned && scaleDownDisabled)
            {
                return null;
            }
        }
        else
        {
            var undo = new List<string>();
            if (!cordoned)
            {
                undo.Add(Cordon);
            }

            if (!scaleDownDisabled)
            {
                undo.Add(ScaleDown);
            }

            annotations[Marker] = groupId;
            annotations[Undo] = string.Join(',', undo);
            metadata["resourceVersion"] = node.Metadata?.ResourceVersion;
        }

        return Serialize(new JsonObject { ["metadata"] = metadata, ["spec"] = new JsonObject { ["unschedulable"] = true } });
    }

    /// <summary>The patch that removes this drain's marks and undoes what it set; null when the node has none.</summary>
    public static byte[]? Release(Node node)
    {
        if (!IsMarked(node))
        {
            return null;
        }

        var undo = (node.Metadata!.Annotations!.GetValueOrDefault(Undo) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var annotations = new JsonObject { [Marker] = null, [Undo] = null };
        if (undo.Contains(ScaleDown))
        {
            annotations[ScaleDownDisabled] = null;
        }

        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["annotations"] = annotations, ["resourceVersion"] = node.Metadata.ResourceVersion },
        };
        if (undo.Contains(Cordon))
        {
            patch["spec"] = new JsonObject { ["unschedulable"] = false };
        }

        return Serialize(patch);
    }

    private static byte[] Serialize(JsonObject patch) => JsonSerializer.SerializeToUtf8Bytes(patch);
}
