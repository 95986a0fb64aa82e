using FastScale.Engine.NodeGroups;
using FastScale.Grpc.Protos.K8s.Core;
using FastScale.Grpc.Protos.K8s.Meta;
using FastScale.Grpc.Protos.K8s.Resource;
using Google.Protobuf;

namespace FastScale.Grpc.CloudProvider;

/// <summary>Turns a <see cref="NodeTemplate"/> into a v1.Node in Kubernetes' protobuf encoding, as the autoscaler unmarshals it.</summary>
internal static class TemplateNodeEncoder
{
    public static Node Encode(NodeTemplate template)
    {
        var metadata = new ObjectMeta { Name = template.Name };
        foreach (var (key, value) in template.Labels)
        {
            metadata.Labels.Add(key, value);
        }

        var spec = new NodeSpec { ProviderID = "" };
        foreach (var taint in template.Taints)
        {
            spec.Taints.Add(new Taint { Key = taint.Key, Value = taint.Value, Effect = taint.Effect });
        }

        var status = new NodeStatus { Phase = "Running" };
        foreach (var (name, amount) in template.Capacity)
        {
            status.Capacity.Add(name, new Quantity { String = amount });
        }

        foreach (var (name, amount) in template.Allocatable)
        {
            status.Allocatable.Add(name, new Quantity { String = amount });
        }

        // A template describes a node as it will be once started: Ready, which is what scale-up simulation assumes.
        status.Conditions.Add(new NodeCondition { Type = "Ready", Status = "True", Reason = "KubeletReady", Message = "template node" });

        return new Node { Metadata = metadata, Spec = spec, Status = status };
    }

    public static ByteString EncodeBytes(NodeTemplate template) => Encode(template).ToByteString();
}
