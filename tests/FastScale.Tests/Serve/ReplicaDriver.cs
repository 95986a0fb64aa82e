using FastScale.Grpc.CloudProvider;
using FastScale.Grpc.Protos;
using FastScale.Grpc.Transport;

namespace FastScale.Tests.Serve;

/// <summary>
/// The autoscaler's side of a failover: it knows the replicas only as addresses (as a Service would hand them out) and
/// asks whichever answers. A follower's UNAVAILABLE, a dead replica's refused connection or a timeout send it to the next
/// replica, then round again after a second, as the autoscaler reconnects and retries on its next loop.
/// </summary>
internal sealed class ReplicaDriver(IReadOnlyList<(string Name, GrpcClient Client)> replicas, string groupId, TimeProvider time)
{
    private const string Service = CloudProviderService.ServiceName;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    /// <summary>Brings the group's target to at least <paramref name="target"/> on whichever replica takes the write; returns its name.</summary>
    public async Task<string> EnsureTargetAsync(int target, CancellationToken cancellationToken)
    {
        while (true)
        {
            foreach (var (name, client) in replicas)
            {
                try
                {
                    // As the autoscaler's loop does: Refresh, read, then act on what it read, all on one connection.
                    await client.UnaryAsync(Service, "Refresh", new RefreshRequest(), RefreshResponse.Parser, Deadline, cancellationToken);
                    var size = (await client.UnaryAsync(Service, "NodeGroupTargetSize", new NodeGroupTargetSizeRequest { Id = groupId },
                        NodeGroupTargetSizeResponse.Parser, Deadline, cancellationToken)).TargetSize;
                    if (size < target)
                    {
                        await client.UnaryAsync(Service, "NodeGroupIncreaseSize", new NodeGroupIncreaseSizeRequest { Id = groupId, Delta = target - size },
                            NodeGroupIncreaseSizeResponse.Parser, Deadline, cancellationToken);
                    }

                    return name;
                }
                catch (Exception e) when (e is GrpcStatusException or HttpRequestException or IOException)
                {
                    // Not this replica (a follower, or dead): try the next.
                }
            }

            await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken);
        }
    }
}
