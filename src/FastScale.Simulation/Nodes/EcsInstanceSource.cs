using FastScale.Ecs.Actions;
using FastScale.Ecs.Client;
using FastScale.Engine.Cloud;

namespace FastScale.Simulation.Nodes;

/// <summary>
/// The cluster's instances through the ordinary ECS API: DescribeInstances filtered by the cluster tag, which the client
/// sends in pages of up to 100 (its <see cref="EcsClientOptions.PageSize"/>). Kubelets see only what any ECS caller sees.
/// </summary>
public sealed class EcsInstanceSource(EcsClient client, string clusterId) : IInstanceSource
{
    public Task<CloudResult<IReadOnlyList<EcsInstance>>> ListAsync(CancellationToken cancellationToken) =>
        client.DescribeInstancesAsync(new DescribeInstancesRequest { Tags = [new(CloudTags.Cluster, clusterId)] }, cancellationToken);
}
