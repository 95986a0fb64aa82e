using System.Diagnostics;
using FastScale.Simulation.Cluster;
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
        var peerDirectory = Path.Combine(RepositoryRoot(), "tests", "interop", "kubernetes");
        var script = Path.Combine(peerDirectory, "client-node-interop.mjs");
        Assert.True(File.Exists(script), $"missing {script}");
        Assert.True(Directory.Exists(Path.Combine(peerDirectory, "node_modules", "@kubernetes", "client-node")),
            "@kubernetes/client-node is not installed: run npm ci in tests/interop/kubernetes");

        await using var server = await ClusterSimulatorServer.StartAsync(new ClusterSimulatorOptions { Listen = "127.0.0.1:0" });

        var (exitCode, text) = await RunNodeAsync(peerDirectory, script, server.Address.ToString());

        output.WriteLine(text);
        Assert.True(exitCode == 0, $"node {script} {server.Address} exited {exitCode}:\n{text}");
        var lines = text.Split('\n', StringSplitOptions.TrimEntries);
        foreach (var check in Checks)
        {
            Assert.Contains($"ok {check}", lines);
        }

        Assert.True(server.Counters.WatchesStarted >= 1, "the informer never opened a watch");
        Assert.Equal(0, server.Store.Count(ResourceKind.Nodes));
    }

    private static async Task<(int ExitCode, string Output)> RunNodeAsync(string directory, string script, string address)
    {
        var start = new ProcessStartInfo("node", [script, address])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"node is not installed or not on PATH ({e.Message}); install Node.js 20, then run npm ci in tests/interop/kubernetes");
            throw;
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"node {script} did not finish within 2 minutes:\n{await stdout}\n{await stderr}");
            }

            return (process.ExitCode, $"{await stdout}{await stderr}");
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FastScale.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"FastScale.sln not found above {AppContext.BaseDirectory}");
    }
}
