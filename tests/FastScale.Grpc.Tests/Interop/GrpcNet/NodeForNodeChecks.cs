using FastScale.Grpc.Protos;

namespace FastScale.Grpc.Tests.Interop.GrpcNet;

/// <summary>NodeGroupForNode: every form of providerID the autoscaler sends, and "" (not ours) for strangers.</summary>
internal sealed class NodeForNodeChecks(CheckRunner checks, ProviderCalls calls)
{
    public async Task RunAsync(string region, Instance instance)
    {
        var instanceId = instance.Id[(region.Length + 1)..];
        await checks.RunAsync("NodeGroupForNode.providerID", async () =>
            Assert.Equal("general", await calls.GroupForAsync(ProviderCalls.Node(instance.Id, "node-a"))));
        await checks.RunAsync("NodeGroupForNode.alicloud-scheme", async () =>
            Assert.Equal("general", await calls.GroupForAsync(ProviderCalls.Node($"alicloud://{instance.Id}", "node-a"))));
        await checks.RunAsync("NodeGroupForNode.bare-instance-id-unregistered", async () =>
        {
            // How the autoscaler names a node that never registered: the bare instance id, and this annotation.
            var node = ProviderCalls.Node(instanceId, instanceId);
            node.Annotations["k8s.io/cluster-autoscaler/fake-node-reason"] = "unregistered";
            Assert.Equal("general", await calls.GroupForAsync(node));
        });
        await checks.RunAsync("NodeGroupForNode.unknown-node-empty-id", async () =>
            Assert.Equal("", await calls.GroupForAsync(ProviderCalls.Node($"{region}.i-notours0000000", "stranger"))));
        await checks.RunAsync("NodeGroupForNode.empty-node-empty-id", async () =>
            Assert.Equal("", await calls.GroupForAsync(new ExternalGrpcNode())));
    }
}
