using FastScale.Simulation.Cluster;
using FastScale.Testing;
using Xunit.Abstractions;

namespace FastScale.Simulation.Tests.Cluster.Interop;

/// <summary>
/// The real peer: <c>@kubernetes/client-node</c> 1.4.0 (tests/interop/kubernetes) against the simulator on a loopback
/// socket. Missing node or node_modules fails the test: run <c>npm ci</c> in tests/interop/kubernetes.
/// </summary>
public sealed class ClientNodeInteropTests(ITestOutputHelper output)
{
    private static readonly string[] Checks =
    [
        "list-nodes", "create-node", "create-duplicate-409", "read-missing-404", "patch-node-status", "delete-node",
        "informer-add", "informer-update", "informer-delete", "pods-pending-field-selector",
    ];

    [Fact]
    public async Task ClientNode_CrudInformerAndFieldSelectors_AllChecksPass()
    {
        var peerDirectory = NodePeer.Require("kubernetes", "@kubernetes/client-node");

        await using var server = await ClusterSimulatorServer.StartAsync(new ClusterSimulatorOptions { Listen = "127.0.0.1:0" });

        var result = await NodePeer.RunAsync(peerDirectory, "client-node-interop.mjs", [server.Address.ToString()], TimeSpan.FromMinutes(2));

        output.WriteLine(result.Describe());
        PeerAssert.Passed(result, Checks);

        Assert.True(server.Counters.WatchesStarted >= 1, "the informer never opened a watch");
        Assert.Equal(0, server.Store.Count(ResourceKind.Nodes));
    }
}
