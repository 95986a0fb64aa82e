using System.CommandLine;
using System.Net;
using FastScale.Commands;
using FastScale.Grpc.Transport;
using FastScale.Serve;

namespace FastScale.Tests.Commands;

/// <summary>
/// The emulators accept any bearer token (the cluster simulator) and a published secret (the ECS emulator), so they
/// must listen on loopback unless the user names another address; likewise the provider's own listeners.
/// </summary>
public sealed class EmulatorBindingTests
{
    [Theory]
    [InlineData("emulate ecs")]
    [InlineData("emulate cluster")]
    [InlineData("serve")]
    public void ListenDefault_OfEachServingCommand_IsLoopback(string commandLine)
    {
        var root = new RootCommand { EmulateCommand.Create(), ServeCommand.Create() };
        var parse = root.Parse(commandLine);
        var command = parse.CommandResult.Command;
        var listenOptions = command.Options.OfType<Option<string>>().Where(o => o.Name is "--listen" or "--metrics").ToList();

        Assert.NotEmpty(listenOptions);
        Assert.All(listenOptions, option =>
        {
            var value = parse.GetValue(option)!;
            Assert.True(IPAddress.IsLoopback(ListenAddress.Parse(value).Address), $"{commandLine} {option.Name} defaults to {value}");
        });
    }

    [Fact]
    public async Task EmbeddedWorld_EmulatorsAndSimulator_ListenOnLoopbackOnly()
    {
        await using var world = await EmbeddedWorld.StartAsync(EmbeddedPolicy.Load().Policy!, TimeProvider.System, CancellationToken.None,
            new EmbeddedWorldOptions { Quiet = true });

        Assert.True(IPAddress.IsLoopback(ListenAddress.Parse(world.Ecs.Address).Address), world.Ecs.Address);
        Assert.True(IPAddress.IsLoopback(IPAddress.Parse(world.Cluster.Address.Host)), world.Cluster.Address.ToString());
    }

    [Fact]
    public void EmulatorOptions_Defaults_AreLoopback()
    {
        Assert.True(IPAddress.IsLoopback(ListenAddress.Parse(new Simulation.Ecs.EcsEmulatorOptions().Listen).Address));
        Assert.True(IPAddress.IsLoopback(ListenAddress.Parse(new Simulation.Cluster.ClusterSimulatorOptions().Listen).Address));
        Assert.True(IPAddress.IsLoopback(ListenAddress.Parse(new GrpcListenOptions().Listen).Address));
    }
}
