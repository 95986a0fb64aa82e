using FastScale.Grpc.CloudProvider;
using FastScale.Grpc.Protos;
using FastScale.Grpc.Transport;

namespace FastScale.Burst;

/// <summary>
/// Acts as the cluster-autoscaler does during a scale-up: one NodeGroupIncreaseSize for the whole burst, then a loop that
/// starts 10 s (the default <c>--scan-interval</c>) after the previous one ended: Refresh, NodeGroups, the group's target
/// size and its instances (NodeGroupNodes is read every loop while a scale-up is in progress). Every call carries the
/// autoscaler's 5 s deadline.
/// </summary>
internal sealed class AutoscalerDriver(GrpcClient client, string groupId, TimeProvider time)
{
    public static readonly TimeSpan ScanInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);
    private const string Service = CloudProviderService.ServiceName;

    // At a thousand nodes in rotation a NodeGroupNodes answer takes long enough that three tries often all straddle a change.
    private const int ViewAttempts = 5;

    /// <summary>Loops run, and instances the provider listed in the last one.</summary>
    public int Loops { get; private set; }

    public int LastListedInstances { get; private set; }

    /// <summary>Loops that failed because the provider did not answer (restarting, or failing over).</summary>
    public int FailedLoops { get; private set; }

    /// <summary>Waits until the provider answers (it refuses with UNAVAILABLE while it recovers its groups from the cloud).</summary>
    public async Task WaitUntilServingAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await client.UnaryAsync(Service, "NodeGroupTargetSize", new NodeGroupTargetSizeRequest { Id = groupId },
                    NodeGroupTargetSizeResponse.Parser, Deadline, cancellationToken);
                return;
            }
            catch (GrpcStatusException e) when (e.StatusCode == GrpcStatusCode.Unavailable)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), time, cancellationToken);
            }
        }
    }

    public Task IncreaseSizeAsync(int delta, CancellationToken cancellationToken) =>
        client.UnaryAsync(Service, "NodeGroupIncreaseSize", new NodeGroupIncreaseSizeRequest { Id = groupId, Delta = delta },
            NodeGroupIncreaseSizeResponse.Parser, Deadline, cancellationToken);

    public async Task<int> TargetSizeAsync(CancellationToken cancellationToken) =>
        (await client.UnaryAsync(Service, "NodeGroupTargetSize", new NodeGroupTargetSizeRequest { Id = groupId },
            NodeGroupTargetSizeResponse.Parser, Deadline, cancellationToken)).TargetSize;

    /// <summary>
    /// What the autoscaler reads of the group at one moment: its target size and its instances by state. Two calls are
    /// not one moment, so the instances are read before and after the target and the read is kept only when both lists
    /// agree (a launch or release between them is read again, up to <see cref="ViewAttempts"/> times; then the last read
    /// is kept, marked not settled).
    /// </summary>
    public async Task<AutoscalerGroupView> ViewAsync(CancellationToken cancellationToken)
    {
        var before = await InstancesAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var target = await TargetSizeAsync(cancellationToken);
            var after = await InstancesAsync(cancellationToken);
            if (after == before || attempt == ViewAttempts)
            {
                return after with { TargetSize = target, Settled = after == before };
            }

            before = after;
        }
    }

    private async Task<AutoscalerGroupView> InstancesAsync(CancellationToken cancellationToken)
    {
        var nodes = await client.UnaryAsync(Service, "NodeGroupNodes", new NodeGroupNodesRequest { Id = groupId },
            NodeGroupNodesResponse.Parser, Deadline, cancellationToken);
        int Count(InstanceStatus.Types.InstanceState state) => nodes.Instances.Count(i => i.Status?.InstanceState == state);
        return new AutoscalerGroupView(0, Count(InstanceStatus.Types.InstanceState.InstanceRunning),
            Count(InstanceStatus.Types.InstanceState.InstanceCreating), Count(InstanceStatus.Types.InstanceState.InstanceDeleting));
    }

    public async Task LoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(ScanInterval, time, cancellationToken);
                try
                {
                    await LoopOnceAsync(cancellationToken);
                }
                catch (Exception e) when (e is GrpcStatusException or HttpRequestException or IOException)
                {
                    // The provider is restarting or failing over: the autoscaler logs it and tries again next loop.
                    FailedLoops++;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }
    }

    private async Task LoopOnceAsync(CancellationToken cancellationToken)
    {
        await client.UnaryAsync(Service, "Refresh", new RefreshRequest(), RefreshResponse.Parser, Deadline, cancellationToken);
        await client.UnaryAsync(Service, "NodeGroups", new NodeGroupsRequest(), NodeGroupsResponse.Parser, Deadline, cancellationToken);
        await client.UnaryAsync(Service, "NodeGroupTargetSize", new NodeGroupTargetSizeRequest { Id = groupId },
            NodeGroupTargetSizeResponse.Parser, Deadline, cancellationToken);
        var nodes = await client.UnaryAsync(Service, "NodeGroupNodes", new NodeGroupNodesRequest { Id = groupId },
            NodeGroupNodesResponse.Parser, Deadline, cancellationToken);
        LastListedInstances = nodes.Instances.Count;
        Loops++;
    }
}

/// <summary>
/// A group as the autoscaler reads it over gRPC: NodeGroupTargetSize, and NodeGroupNodes' instances by state. Its
/// clusterstate counts target − registered as nodes on their way, so the target must match the instances that are not
/// being deleted.
/// </summary>
/// <remarks><see cref="Settled"/>: the instances read before and after the target agreed, so the three describe one
/// moment; a read the group moved under every time is kept but judges nothing.</remarks>
internal sealed record AutoscalerGroupView(int TargetSize, int Running, int Creating, int Deleting, bool Settled = true)
{
    /// <summary>Instances the target should count: those not being deleted.</summary>
    public int Alive => Running + Creating;
}
