using System.Diagnostics;
using FastScale.Simulation.Ecs;
using FastScale.Simulation.Ecs.Hosting;
using FastScale.Simulation.LatencyModel;
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
        var peerDirectory = Path.Combine(RepositoryRoot(), "tests", "interop", "ecs");
        var script = Path.Combine(peerDirectory, "ecs-sdk-check.js");
        Assert.True(File.Exists(script), $"missing {script}");
        Assert.True(Directory.Exists(Path.Combine(peerDirectory, "node_modules", "@alicloud", "ecs20140526")),
            $"the official ECS SDK is not installed: run `npm ci` in {peerDirectory}");

        var options = new EcsEmulatorOptions { Profile = LatencyProfileLoader.LoadEmbedded("fast").GetOrThrow() };
        await using var server = await EcsEmulatorServer.StartAsync(options);

        var (exitCode, text) = await RunNodeAsync(peerDirectory, script, server.Address);

        output.WriteLine(text);
        output.WriteLine($"emulator calls: {string.Join(", ", server.Counters.CallsByAction.Select(p => $"{p.Key} {p.Value}"))}");
        Assert.True(exitCode == 0, $"node {script} {server.Address} exited {exitCode}:\n{text}");
        Assert.Equal(24, server.Counters.InstancesCreated);
        Assert.Equal(24, server.Counters.InstancesDeleted);
        Assert.True(server.Counters.ErrorsByCode.GetValueOrDefault("SignatureDoesNotMatch") >= 2);
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
            Assert.Fail($"node is not installed or not on PATH ({e.Message}); install Node.js, then run `npm ci` in {directory}");
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
