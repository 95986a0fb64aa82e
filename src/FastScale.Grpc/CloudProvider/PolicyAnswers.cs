using FastScale.Engine.NodeGroups;
using FastScale.Engine.Policy;
using FastScale.Grpc.Protos;
using Google.Protobuf;
using ProtoNodeGroup = FastScale.Grpc.Protos.NodeGroup;

namespace FastScale.Grpc.CloudProvider;

/// <summary>
/// The answers that follow from the policy alone (the group list with min/max, each group's encoded template node),
/// encoded once per policy in force: a reload replaces <see cref="NodeGroupRegistry.Policy"/>, and the next call
/// re-encodes, so the autoscaler sees new labels, taints and sizes on its next loop without a restart.
/// </summary>
internal sealed class PolicyAnswers(NodeGroupEngine engine)
{
    private volatile Encoded? _encoded;

    public NodeGroupsResponse NodeGroups => Current().NodeGroups;

    public ProtoNodeGroup? NodeGroup(string id) => Current().ById.GetValueOrDefault(id);

    public (Protos.K8s.Core.Node Node, ByteString Bytes)? Template(string id) =>
        Current().Templates.TryGetValue(id, out var template) ? template : null;

    private Encoded Current()
    {
        var policy = engine.Registry.Policy;
        var encoded = _encoded;
        if (encoded is not null && ReferenceEquals(encoded.Policy, policy))
        {
            return encoded;
        }

        // Two callers racing after a reload may both encode; either result is the same, and the last one stays.
        encoded = Encode(policy, engine.Groups);
        _encoded = encoded;
        return encoded;
    }

    private static Encoded Encode(ScalePolicy policy, IReadOnlyList<Engine.NodeGroups.NodeGroup> groups)
    {
        var templates = groups.ToDictionary(
            g => g.Id,
            g => { var node = TemplateNodeEncoder.Encode(g.Template); return (node, node.ToByteString()); },
            StringComparer.Ordinal);
        var list = new NodeGroupsResponse();
        list.NodeGroups.Add(groups.Select(ToProto));
        return new Encoded(policy, templates, list, list.NodeGroups.ToDictionary(g => g.Id, StringComparer.Ordinal));
    }

    private static ProtoNodeGroup ToProto(Engine.NodeGroups.NodeGroup group)
    {
        var policy = group.Policy;
        return new ProtoNodeGroup
        {
            Id = group.Id,
            MinSize = policy.MinSize,
            MaxSize = policy.MaxSize,
            Debug = $"{group.Id} ({string.Join(",", policy.InstanceTypes)}; image {policy.ImageId})",
        };
    }

    private sealed record Encoded(
        ScalePolicy Policy,
        Dictionary<string, (Protos.K8s.Core.Node Node, ByteString Bytes)> Templates,
        NodeGroupsResponse NodeGroups,
        Dictionary<string, ProtoNodeGroup> ById);
}
