using System.Net.Sockets;
using FastScale.Grpc.CloudProvider;
using FastScale.Grpc.Protos;
using FastScale.Grpc.Transport;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Config;
using FastScale.Kubernetes.LeaderElection;
using FastScale.Kubernetes.Models;
using FastScale.Serve;
using FastScale.Simulation.Cluster;
using FastScale.Testing.Cloud;
using FastScale.Tests.Metrics;
using Microsoft.Extensions.Logging;

namespace FastScale.Tests.Serve;

/// <summary>
/// A follower that refuses a write also closes the connection, so the autoscaler's next call opens a new one, which
/// the leader-only Service routes to the leader; reads that succeed keep the connection.
/// </summary>
public sealed class UnavailableClosesConnectionTests
{
    private const string Service = CloudProviderService.ServiceName;

    [Fact]
    public async Task FollowerRefusingAWrite_ClosesTheConnection_WhileAnsweredReadsKeepIt()
    {
        await using var cluster = await ClusterSimulatorServer.StartAsync(new ClusterSimulatorOptions { Listen = "127.0.0.1:0" });
        var config = KubernetesClientConfig.ForServer(cluster.Address);
        await using (var client = KubernetesApiClientFactory.Create(config, new KubernetesClientOptions { Qps = 0 }))
        {
            // Another replica holds the lease for an hour: this one stays a follower.
            var now = TimeProvider.System.GetUtcNow();
            Assert.True((await client.CreateAsync(KubernetesResources.Leases, new Lease
            {
                Metadata = new ObjectMeta { Name = "fastscale", Namespace = "kube-system" },
                Spec = new LeaseSpec { HolderIdentity = "replica-a", LeaseDurationSeconds = 3600, AcquireTime = now, RenewTime = now },
            }, CancellationToken.None)).IsSuccess);
        }

        await using var follower = ProviderApp.Build(new ServeSettings
        {
            Policy = EmbeddedPolicy.Load().Policy!,
            Grpc = new GrpcListenOptions { Listen = "127.0.0.1:0" },
            MetricsListen = null,
            Kubernetes = config,
            Cloud = InMemoryCloud.Factory(),
            LeaderElection = new LeaderElectionOptions { LeaseNamespace = "kube-system", LeaseName = "fastscale", Identity = "replica-b" },
            MinimumLogLevel = LogLevel.Warning,
        });
        await follower.StartAsync();
        try
        {
            var connections = 0;
            var handler = new SocketsHttpHandler
            {
                ConnectCallback = async (context, ct) =>
                {
                    Interlocked.Increment(ref connections);
                    var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                },
            };
            using var autoscaler = new GrpcClient(ProviderApp.GrpcAddress(follower), handler);
            Task<NodeGroupsResponse> ReadAsync() => autoscaler.UnaryAsync(Service, "NodeGroups", new NodeGroupsRequest(), NodeGroupsResponse.Parser);

            for (var i = 0; i < 5; i++)
            {
                await ReadAsync();
            }

            Assert.Equal(1, Volatile.Read(ref connections));

            var refused = await Assert.ThrowsAsync<GrpcStatusException>(() => autoscaler.UnaryAsync(
                Service, "NodeGroupIncreaseSize", new NodeGroupIncreaseSizeRequest { Id = "general", Delta = 1 }, NodeGroupIncreaseSizeResponse.Parser));
            Assert.Equal(GrpcStatusCode.Unavailable, refused.StatusCode);

            // The GOAWAY follows the answer; a call racing it may still ride the old connection, the ones after may not.
            await Poll.UntilAsync(async () =>
            {
                await ReadAsync();
                return Volatile.Read(ref connections) == 2;
            }, "a new connection after UNAVAILABLE", seconds: 10);
        }
        finally
        {
            await follower.StopAsync();
        }
    }
}
