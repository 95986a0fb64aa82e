using FastScale.Simulation.Cluster;
using FastScale.Testing;
using Xunit.Abstractions;

namespace FastScale.Simulation.Tests.Cluster.Interop;

/// <summary>
/// The real peer on budgets and evictions: <c>@kubernetes/client-node</c> 1.4.0 creates a PodDisruptionBudget, reads
/// its status, and evicts through <c>CoreV1Api.createNamespacedPodEviction</c>: allowed once, then refused with 429.
/// Missing node or node_modules fails the test: run <c>npm ci</c> in tests/interop/kubernetes.
/// </summary>
public sealed class ClientNodeEvictionInteropTests(ITestOutputHelper output)
{
    private static readonly string[] Checks =
        ["create-pdb", "read-pdb-status", "evict-201", "evict-429", "pdb-status-after-eviction", "evict-missing-404"];

    [Fact]
    public async Task ClientNode_BudgetAndEviction_AllChecksPass()
    {
        var peerDirectory = NodePeer.Require("kubernetes", "@kubernetes/client-node");

        await using var server = await ClusterSimulatorServer.StartAsync(new ClusterSimulatorOptions { Listen = "127.0.0.1:0" });

        var result = await NodePeer.RunAsync(peerDirectory, "client-node-eviction.mjs", [server.Address.ToString()], TimeSpan.FromMinutes(2));

        output.WriteLine(result.Describe());
        PeerAssert.Passed(result, Checks);
        Assert.Equal((1L, 1L, 1L), (server.Counters.EvictionsAllowed, server.Counters.EvictionsRefused, server.Counters.EvictionsNotFound));
        Assert.Equal(0, server.Counters.EvictionBudgetViolations);
    }
}
