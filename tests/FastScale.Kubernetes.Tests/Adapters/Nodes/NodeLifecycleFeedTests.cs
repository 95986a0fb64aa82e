using FastScale.Engine.Launch;
using FastScale.Engine.NodeGroups;
using FastScale.Engine.Policy;
using FastScale.Kubernetes.Adapters.Nodes;
using FastScale.Kubernetes.Informers;
using FastScale.Kubernetes.Models;

namespace FastScale.Kubernetes.Tests.Adapters.Nodes;

public sealed class NodeLifecycleFeedTests
{
    private const string Region = "cn-hangzhou";
    private readonly NodeGroupRegistry _registry = new(new ScalePolicy
    {
        ClusterId = "test",
        Region = Region,
        NodeGroups =
        [
            new NodeGroupPolicy
            {
                Id = "general", MaxSize = 10, ImageId = "m-test", InstanceTypes = ["ecs.g7.large"], SecurityGroupId = "sg-test",
                Zones = [new ZonePolicy { ZoneId = "cn-hangzhou-h", VSwitchId = "vsw-h" }],
                Resources = new NodeResources { Cpu = "2", Memory = "8Gi", Pods = "110" },
            },
        ],
    });

    [Theory]
    [InlineData("")]
    [InlineData("alicloud://")]
    public void Node_RegisteringThenReadyThenGone_MovesTheInstanceRecord_UnderTheNodesOwnProviderId(string scheme)
    {
        _registry.Find("general")!.CompleteLaunch(0, new LaunchOutcome(["i-1"], 0, null));
        var feed = new NodeLifecycleFeed(_registry, new FakeNodeInformer());
        var providerId = $"{scheme}{Region}.i-1";

        feed.Observe(new InformerChange<Node>(InformerChangeType.Added, NodeOf(providerId, ready: false, taint: NodeReady.NotReadyTaint), null));
        Assert.Equal((InstanceLifecycle.Registered, providerId), Record());

        // Ready=True is not Ready while the not-ready taint is on (the one definition).
        feed.Observe(new InformerChange<Node>(InformerChangeType.Updated, NodeOf(providerId, ready: true, taint: NodeReady.NotReadyTaint), null));
        Assert.Equal(InstanceLifecycle.Registered, Record().Lifecycle);

        feed.Observe(new InformerChange<Node>(InformerChangeType.Updated, NodeOf(providerId, ready: true), null));
        Assert.Equal((InstanceLifecycle.Ready, providerId), Record());

        feed.Observe(new InformerChange<Node>(InformerChangeType.Deleted, NodeOf(providerId, ready: true), null));
        Assert.Equal(InstanceLifecycle.Running, Record().Lifecycle);
    }

    [Fact]
    public void Node_OfNoGroup_IsIgnored()
    {
        var feed = new NodeLifecycleFeed(_registry, new FakeNodeInformer());

        feed.Observe(new InformerChange<Node>(InformerChangeType.Added, NodeOf($"{Region}.i-other", ready: true), null));

        Assert.Empty(_registry.Find("general")!.Instances);
    }

    private (InstanceLifecycle Lifecycle, string Id) Record() =>
        _registry.Find("general")!.Instances.Single() is var i ? (i.Lifecycle, i.Id) : default;

    private static Node NodeOf(string providerId, bool ready, string? taint = null) => new()
    {
        Metadata = new ObjectMeta { Name = "node-1" },
        Spec = new NodeSpec
        {
            ProviderId = providerId,
            Taints = taint is null ? null : [new Taint { Key = taint, Effect = "NoSchedule" }],
        },
        Status = new NodeStatus { Conditions = [new NodeCondition { Type = "Ready", Status = ready ? "True" : "False" }] },
    };
}
