using System.CommandLine;
using FastScale.Simulation.Cluster;
using Microsoft.Extensions.Logging;

namespace FastScale.Commands;

/// <summary>
/// <c>fastscale emulate cluster --listen HOST:PORT</c>: the Kubernetes API cluster simulator alone (plain HTTP, any
/// bearer token), for peers and tests. Meant to sit beside <c>emulate ecs</c> under <see cref="EmulateCommand"/>.
/// </summary>
internal static class EmulateClusterCommand
{
    public static Command Create()
    {
        var listen = new Option<string>("--listen") { Description = "Listen address HOST:PORT (port 0: any free port)", DefaultValueFactory = _ => "127.0.0.1:6443" };
        var history = new Option<int>("--event-history") { Description = "Changes a watch can resume from before it gets 410 Gone", DefaultValueFactory = _ => 10_000 };
        var buffer = new Option<int>("--watcher-buffer") { Description = "Events a watcher may fall behind before it is dropped", DefaultValueFactory = _ => 10_000 };
        var seed = new Option<int>("--seed") { Description = "Seed of uids and generated names", DefaultValueFactory = _ => 1 };

        var command = new Command("cluster", "Serve the Kubernetes API subset FastScale uses (nodes, pods, leases, events) from memory")
        {
            listen, history, buffer, seed,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new ClusterSimulatorOptions
            {
                Listen = parse.GetValue(listen)!,
                EventHistorySize = parse.GetValue(history),
                WatcherBufferSize = parse.GetValue(buffer),
                Seed = parse.GetValue(seed),
            };
            var problems = options.Validate().ToList();
            if (!ClusterSimulatorServer.TryParseListen(options.Listen, out _, out var listenError))
            {
                problems.Add($"--listen: {listenError}");
            }

            if (problems.Count > 0)
            {
                throw new UserError(string.Join("; ", problems));
            }

            using var logging = LoggerFactory.Create(builder => builder.AddSimpleConsole(console => console.SingleLine = true));
            await using var server = await ClusterSimulatorServer.StartAsync(options, TimeProvider.System, logging, cancellationToken);
            Console.WriteLine($"Cluster simulator listening on {server.Address} (kubeconfig server: {server.Address.ToString().TrimEnd('/')}, any token)");
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C or SIGTERM: a normal stop.
            }

            return 0;
        });
        return command;
    }
}
