using FastScale.Simulation.Ecs;
using FastScale.Simulation.Ecs.Hosting;
using FastScale.Simulation.LatencyModel;
using FastScale.Testing;
using Xunit.Abstractions;

namespace FastScale.Simulation.Tests.Interop;

/// <summary>
/// The real peer: the official Alibaba Cloud ECS SDK for Node (tests/interop/ecs) against the emulator on a loopback
/// socket, with V3 and V1 signatures. Missing node or node_modules fails the test: run <c>npm ci</c> in tests/interop/ecs.
/// </summary>
public sealed class OfficialSdkInteropTests(ITestOutputHelper output)
{
    [Fact]
    public async Task OfficialSdk_RunDescribeStopStartDelete_AllChecksPass()
    {
        var peerDirectory = NodePeer.Require("ecs", "@alicloud/ecs20140526");

        var options = new EcsEmulatorOptions { Profile = LatencyProfileLoader.LoadEmbedded("fast").GetOrThrow() };
        await using var server = await EcsEmulatorServer.StartAsync(options);

        var result = await NodePeer.RunAsync(peerDirectory, "ecs-sdk-check.js", [server.Address], TimeSpan.FromMinutes(2));

        output.WriteLine(result.Describe());
        output.WriteLine($"emulator calls: {string.Join(", ", server.Counters.CallsByAction.Select(p => $"{p.Key} {p.Value}"))}");
        Assert.False(result.TimedOut, result.Describe());
        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Equal(24, server.Counters.InstancesCreated);
        Assert.Equal(24, server.Counters.InstancesDeleted);
        Assert.True(server.Counters.ErrorsByCode.GetValueOrDefault("SignatureDoesNotMatch") >= 2);
    }
}
